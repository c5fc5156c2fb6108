using System.Globalization;
using VolumeBackup.Keystone;

namespace VolumeBackup.Server.Identity.Keystone;

/// <summary>
/// Why Keystone could not answer, in words fit for the client (the full exception, with Keystone's address and the
/// service user, goes to the log only).
/// </summary>
internal static class KeystoneFailures
{
    public static string Reason(KeystoneException e, TimeSpan requestTimeout)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!e.IsUnavailable)
        {
            return "it refused the service's own credentials.";
        }

        if (e.StatusCode is { } status && (int)status >= 500)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it answered {(int)status}.");
        }

        return e.InnerException switch
        {
            OperationCanceledException or TimeoutException =>
                string.Create(CultureInfo.InvariantCulture, $"it did not answer within {requestTimeout.TotalSeconds:0.###} s."),
            HttpRequestException => "it could not be reached.",
            _ => "its answer could not be read.",
        };
    }
}
