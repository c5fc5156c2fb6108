using VolumeBackup.ObjectStores;
using VolumeBackup.Server.Jobs;

namespace VolumeBackup.UnitTests.Server.Backups;

public sealed class FailReasonsTests
{
    [Fact]
    public void A_user_facing_failure_is_passed_on_as_it_is()
    {
        Assert.Equal("Block 7 of backup 3 is damaged.", FailReasons.Describe(new JobFailedException("Block 7 of backup 3 is damaged."), "restore"));
    }

    [Fact]
    public void Local_paths_and_stack_traces_never_reach_the_reason()
    {
        var failures = new Exception[]
        {
            new IOException("Could not write /srv/secret/volume-3.raw"),
            new FileNotFoundException("Could not find /srv/secret/volume-3.raw"),
            new UnauthorizedAccessException("Access to /srv/secret denied"),
            new InvalidOperationException("at Foo.Bar() in /src/x.cs:line 3"),
            new ObjectStoreException("PUT http://10.0.0.1/v1/AUTH_x/c/o failed", isTransient: false),
            new ObjectNotFoundException("packs/ab/cdef"),
        };

        foreach (var failure in failures)
        {
            var reason = FailReasons.Describe(failure, "backup");
            Assert.DoesNotContain("/", reason, StringComparison.Ordinal);
            Assert.StartsWith("The backup failed", reason, StringComparison.Ordinal);
            Assert.EndsWith(".", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Store_failures_are_worded_by_their_kind()
    {
        var exhausted = new ObjectStoreException(
            "The upload of 'packs/ab/cd' failed, retries exhausted after 6 attempts: Swift PUT http://10.0.0.1/v1/AUTH_x/c/o failed with 503",
            ObjectStoreErrorKind.Unavailable, new ObjectStoreException("503", isTransient: true), retriesExhausted: true);

        Assert.Equal("The backup failed: the object store was unavailable. Try again later.", FailReasons.Describe(exhausted, "backup"));
        Assert.Equal("The backup failed: the object store is full.",
            FailReasons.Describe(new ObjectStoreException("ENOSPC", ObjectStoreErrorKind.Full), "backup"));
        Assert.Equal("The restore failed: the object store denied access to the backup's container.",
            FailReasons.Describe(new ObjectStoreException("403", ObjectStoreErrorKind.AccessDenied), "restore"));
        Assert.Equal("The backup failed: the object store refused the request.",
            FailReasons.Describe(new ObjectStoreException("400", ObjectStoreErrorKind.Failed), "backup"));
    }

    [Fact]
    public void Store_outages_are_told_apart_from_refusals_whether_retried_or_not()
    {
        Assert.True(FailReasons.IsStoreOutage(new ObjectStoreException("503", isTransient: true)));
        Assert.True(FailReasons.IsStoreOutage(new ObjectStoreException("gave up", ObjectStoreErrorKind.Unavailable, retriesExhausted: true)));
        Assert.False(FailReasons.IsStoreOutage(new ObjectStoreException("403", ObjectStoreErrorKind.AccessDenied)));
        Assert.False(FailReasons.IsStoreOutage(new ObjectStoreException("full", ObjectStoreErrorKind.Full)));
        Assert.False(FailReasons.IsStoreOutage(new IOException("disk")));
    }

    [Fact]
    public void An_outage_past_its_budget_says_how_long_was_waited()
    {
        Assert.Equal("The backup failed: the object store was unavailable for longer than 5 minutes. Try again later.",
            FailReasons.OutageBudgetSpent("backup", TimeSpan.FromMinutes(5)));
        Assert.Equal("The restore failed: the object store was unavailable for longer than 3 seconds. Try again later.",
            FailReasons.OutageBudgetSpent("restore", TimeSpan.FromSeconds(3)));
    }
}
