using Microsoft.AspNetCore.Http;

namespace SafeCity.Kernel.Web;

public static class FormResponses
{
    /// <summary>A refused form is shown again with its errors, under the status that says why (400, 403, 409).</summary>
    public static void Refuse(this HttpContext http, int status = StatusCodes.Status400BadRequest)
    {
        if (!http.Response.HasStarted)
        {
            http.Response.StatusCode = status;
        }
    }
}
