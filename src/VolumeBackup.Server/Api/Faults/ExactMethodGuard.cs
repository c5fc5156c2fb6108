using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Faults;

/// <summary>
/// Methods are case-sensitive (RFC 9110, section 9.1) while routing matches them ignoring case, so <c>dElEtE</c> would
/// reach the delete endpoint. Runs before routing: any method with a lower-case letter is none of ours -> 405.
/// </summary>
internal sealed class ExactMethodGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Request.Method.Any(char.IsAsciiLetterLower)
            ? throw new FaultException(Fault.BadMethod())
            : next(context);
}
