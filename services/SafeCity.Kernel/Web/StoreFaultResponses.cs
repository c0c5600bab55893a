using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using SafeCity.Kernel.Storage;

namespace SafeCity.Kernel.Web;

/// <summary>
/// A full or damaged store answered in words: 507 (full) or 503 for a page or API call, with the
/// store's own explanation. The write's transaction was rolled back, so nothing of it was kept.
/// </summary>
public sealed class StoreFaultHandler(IProblemDetailsService problems, ILogger<StoreFaultHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (StoreFault.Of(exception) is not { } fault)
        {
            return false;
        }

        logger.LogError("{Method} {Path} refused: {Fault}", context.Request.Method, context.Request.Path, fault.Describe());
        context.Response.StatusCode = fault.Kind == StoreFaultKind.Full ? StatusCodes.Status507InsufficientStorage : StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = context.Response.StatusCode, Title = "The change was not kept", Detail = fault.Describe() },
        });
    }
}

/// <summary>The same for gRPC callers: RESOURCE_EXHAUSTED when the store is full, UNAVAILABLE when it is damaged.</summary>
public sealed class StoreFaultInterceptor(ILogger<StoreFaultInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (StoreFault.Of(ex) is { } fault)
        {
            throw Refusal(context, fault, ex);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (StoreFault.Of(ex) is { } fault)
        {
            throw Refusal(context, fault, ex);
        }
    }

    private RpcException Refusal(ServerCallContext context, StoreFault fault, Exception ex)
    {
        logger.LogError(ex, "{Method} refused: {Fault}", context.Method, fault.Describe());
        return new RpcException(new Status(fault.Kind == StoreFaultKind.Full ? StatusCode.ResourceExhausted : StatusCode.Unavailable, fault.Describe()));
    }
}
