using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Faults;

/// <summary>Faults of the HTTP layer itself, which the spec does not list; in its fault format and style.</summary>
internal static class HttpFaults
{
    public const string RequestTimeoutMessage = "The request body was not received in time.";

    /// <summary>The challenge sent with every 401 (RFC 9110, section 11.6.1): the token goes in X-Auth-Token.</summary>
    public const string TokenChallenge = "X-Auth-Token realm=\"volume-backup\"";

    /// <summary>408: the client stopped sending the body (Kestrel's minimum body data rate).</summary>
    public static Fault RequestTimeout() => new("requestTimeout", StatusCodes.Status408RequestTimeout, RequestTimeoutMessage);
}
