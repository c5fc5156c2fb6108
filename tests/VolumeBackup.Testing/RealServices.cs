using Xunit;

namespace VolumeBackup.Testing;

/// <summary>
/// Tests that need a real service (PostgreSQL, Swift) may skip on a laptop that lacks it, but never in CI:
/// with CI=true a missing service fails the test, so a green run never hides a skipped real-service test.
/// </summary>
public static class RealServices
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (locally) or fails (in CI) the current test when <paramref name="available"/> is false.</summary>
    public static void Require(bool available, string service, string howToStart)
    {
        if (available)
        {
            return;
        }

        var message = $"{service} is not reachable; start it with: {howToStart}";
        if (InCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }
}
