using Microsoft.AspNetCore.Http.Features;

namespace SafeCity.Gateway.Forwarding;

/// <summary>
/// What one request may bring, on both ports alike: a body of Limits:MaxRequestBodyKilobytes (Kestrel's
/// own limit, which counts a body sent without a length too), forms of Limits:MaxFormValues values each
/// no longer than the body, and Kestrel's header limits. The one exception is a gRPC call on the gRPC
/// port: a stream of messages has no length as a whole, and each message is bounded by the service
/// (Limits:MaxGrpcMessageKilobytes). A refusal is in words and never repeats what was sent.
/// </summary>
public static class RequestLimits
{
    public static void ConfigureForms(FormOptions forms, GatewayLimits limits)
    {
        forms.ValueCountLimit = limits.MaxFormValues;
        forms.ValueLengthLimit = (int)limits.MaxRequestBodyBytes;
        forms.KeyLengthLimit = GatewayLimits.MaxFormKeyLength;
        forms.MultipartBodyLengthLimit = limits.MaxRequestBodyBytes;
        forms.MultipartHeadersCountLimit = 16;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app, int grpcPort, GatewayLimits limits) => app.Use(async (context, next) =>
    {
        if (context.Connection.LocalPort == grpcPort && GrpcAnswers.IsGrpc(context.Request)
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }
        else if (context.Request.ContentLength > limits.MaxRequestBodyBytes)
        {
            // Refused before it is read or forwarded, in words (Kestrel's own refusal has no body).
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the {limits.MaxRequestBodyKilobytes:N0} KB one call may send.");
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            // A body sent without its length, found too long while it was read.
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the {limits.MaxRequestBodyKilobytes:N0} KB one call may send.");
        }
        catch (InvalidDataException) when (!context.Response.HasStarted)
        {
            // The form reader's own limits: too many values, or a name or value too long.
            await RefuseAsync(context, StatusCodes.Status400BadRequest,
                $"The form has more than {limits.MaxFormValues:N0} values, a name longer than {GatewayLimits.MaxFormKeyLength:N0} characters or a value longer than {limits.MaxRequestBodyKilobytes:N0} KB.");
        }
    });

    private static Task RefuseAsync(HttpContext context, int status, string detail)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { status, title = "The request could not be read", detail });
    }
}
