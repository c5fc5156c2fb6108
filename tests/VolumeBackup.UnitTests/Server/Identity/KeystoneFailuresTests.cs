using System.Net;
using VolumeBackup.Keystone;
using VolumeBackup.Server.Identity.Keystone;

namespace VolumeBackup.UnitTests.Server.Identity;

public sealed class KeystoneFailuresTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1.5);

    [Fact]
    public void Each_kind_of_failure_has_its_own_reason_and_none_names_keystones_address()
    {
        var reasons = new[]
        {
            KeystoneFailures.Reason(new KeystoneException("x", null, isUnavailable: true, new HttpRequestException("refused")), Timeout),
            KeystoneFailures.Reason(new KeystoneException("x", null, isUnavailable: true, new TaskCanceledException()), Timeout),
            KeystoneFailures.Reason(new KeystoneException("x", HttpStatusCode.BadGateway, isUnavailable: true), Timeout),
            KeystoneFailures.Reason(new KeystoneException("x", HttpStatusCode.OK, isUnavailable: true, new System.Text.Json.JsonException()), Timeout),
            KeystoneFailures.Reason(new KeystoneException("x", HttpStatusCode.Unauthorized, isUnavailable: false), Timeout),
        };

        Assert.Equal(
            ["it could not be reached.", "it did not answer within 1.5 s.", "it answered 502.", "its answer could not be read.",
             "it refused the service's own credentials."],
            reasons);
    }
}
