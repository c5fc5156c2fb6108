using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Api.Faults;

/// <summary>
/// The one place where failures become fault bodies: spec faults as they are, malformed or oversized bodies as
/// 400 badRequest (the spec answers every bad request with 400), a stalled body as 408, anything unexpected as 500 <c>Server Error, please try again later.</c> with the details only in the log.
/// </summary>
internal sealed class FaultExceptionHandler(
    ILogger<FaultExceptionHandler> logger, IOptions<VolumeBackupOptions> options) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away: nobody to answer
        }

        var fault = exception switch
        {
            FaultException e => e.Fault,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Fault.BadRequest(FaultMessages.BodyTooLarge(options.Value.MaxRequestBodyBytes)),
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => HttpFaults.RequestTimeout(),
            BadHttpRequestException or JsonException => Fault.BadRequest(FaultMessages.IncorrectBodyFormat),
            _ when StorageFull.IsCause(exception) => Fault.ServiceUnavailable(FaultMessages.ServiceStorageFull, RetryAfterHints.StorageFull),
            _ => null,
        };
        if (fault is null)
        {
            logger.RequestFailed(exception, httpContext.Request.Method, httpContext.Request.Path);
            fault = Fault.ServerError();
        }

        await FaultWriter.WriteAsync(httpContext.Response, fault, cancellationToken);
        return true;
    }
}
