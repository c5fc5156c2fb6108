using Microsoft.AspNetCore.Diagnostics;
using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Faults;

/// <summary>Gives error answers without a body (unknown route, wrong method...) the spec's fault body.</summary>
internal static class ApiStatusCodes
{
    public static Task WriteFaultAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var fault = response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => Fault.BadRequest(FaultMessages.IncorrectBodyFormat),
            StatusCodes.Status401Unauthorized => Fault.Unauthorized(FaultMessages.AuthenticationRequired),
            StatusCodes.Status408RequestTimeout => HttpFaults.RequestTimeout(),
            StatusCodes.Status404NotFound => Fault.ItemNotFound(FaultMessages.ResourceNotFound),
            StatusCodes.Status405MethodNotAllowed => Fault.BadMethod(),
            StatusCodes.Status415UnsupportedMediaType => Fault.BadMediaType(FaultMessages.JsonContentTypeRequired),
            >= 500 => Fault.ServerError(),
            _ => null,
        };
        return fault is null ? Task.CompletedTask : FaultWriter.WriteAsync(response, fault, context.HttpContext.RequestAborted);
    }
}
