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
    public void Only_transient_store_failures_are_retried()
    {
        Assert.True(FailReasons.IsTransient(new ObjectStoreException("503", isTransient: true)));
        Assert.False(FailReasons.IsTransient(new ObjectStoreException("403", isTransient: false)));
        Assert.False(FailReasons.IsTransient(new IOException("disk")));
    }
}
