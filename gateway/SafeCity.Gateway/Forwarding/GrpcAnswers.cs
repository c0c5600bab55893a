namespace SafeCity.Gateway.Forwarding;

/// <summary>The gateway's own answers to a gRPC call it refuses before forwarding it.</summary>
public static class GrpcAnswers
{
    public static bool IsGrpc(HttpRequest request) => request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A trailers-only response: gRPC clients read the status from it, not from the HTTP code.</summary>
    public static void Refuse(HttpResponse response, int grpcStatus, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = grpcStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }
}
