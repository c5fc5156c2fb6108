using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Server.Identity.Policies;

namespace VolumeBackup.UnitTests.Server.Identity;

public sealed class AccessPoliciesTests
{
    private static TenantIdentity Caller(params string[] roles) => new("p", "u", roles);

    [Theory]
    [InlineData(new[] { "admin" }, "Admin")]
    [InlineData(new[] { "member" }, "Member")]
    [InlineData(new[] { "reader" }, "Reader")]
    [InlineData(new[] { "reader", "member" }, "Member")]
    [InlineData(new[] { "reader", "admin" }, "Admin")]
    [InlineData(new[] { "observer", "_member_" }, "None")]
    [InlineData(new[] { "Admin", "MEMBER" }, "None")] // role names are compared as Keystone returns them
    [InlineData(new string[0], "None")]
    public void A_callers_level_is_its_strongest_role(string[] roles, string expected) =>
        Assert.Equal(expected, AccessLevels.Of(Caller(roles)).ToString());

    [Fact]
    public void Admin_implies_member_implies_reader_without_the_token_listing_the_implied_roles()
    {
        Assert.True(AccessPolicies.Allows(Caller("admin"), AccessPolicies.BackupCreate));
        Assert.True(AccessPolicies.Allows(Caller("admin"), AccessPolicies.BackupGetAll));
        Assert.True(AccessPolicies.Allows(Caller("member"), AccessPolicies.BackupGet));
        Assert.True(AccessPolicies.Allows(Caller("member"), AccessPolicies.BackupRestore));
    }

    [Fact]
    public void A_reader_reads_only()
    {
        var reader = Caller("reader");

        Assert.True(AccessPolicies.Allows(reader, AccessPolicies.VolumeGetAll));
        Assert.True(AccessPolicies.Allows(reader, AccessPolicies.BackupGet));
        Assert.True(AccessPolicies.Allows(reader, AccessPolicies.QuotasShow));
        Assert.False(AccessPolicies.Allows(reader, AccessPolicies.BackupCreate));
        Assert.False(AccessPolicies.Allows(reader, AccessPolicies.BackupDelete));
        Assert.False(AccessPolicies.Allows(reader, AccessPolicies.VolumeAttach));
    }

    [Theory]
    [InlineData(AccessPolicies.BackupExport)]
    [InlineData(AccessPolicies.BackupImport)]
    [InlineData(AccessPolicies.BackupForceDelete)]
    [InlineData(AccessPolicies.BackupResetStatus)]
    [InlineData(AccessPolicies.ContextIsAdmin)]
    public void Admin_actions_are_refused_to_members_and_allowed_to_admins(string policy)
    {
        Assert.False(AccessPolicies.Allows(Caller("member", "reader"), policy));
        Assert.True(AccessPolicies.Allows(Caller("admin"), policy));
    }

    [Theory]
    [InlineData("backup:frobnicate")]
    [InlineData("")]
    [InlineData("BACKUP:GET")]
    public void An_unknown_policy_is_allowed_to_nobody(string policy)
    {
        Assert.False(AccessPolicies.Allows(Caller("admin", "member", "reader"), policy));
        Assert.False(AccessPolicies.Allows(Caller("reader"), policy));
    }

    [Fact]
    public void A_caller_without_a_known_role_is_allowed_nothing()
    {
        var nobody = Caller("observer");

        Assert.All(AccessPolicies.Table.Keys, policy => Assert.False(AccessPolicies.Allows(nobody, policy), policy));
    }

    [Fact]
    public void Every_policy_needs_a_role() =>
        Assert.All(AccessPolicies.Table, pair => Assert.NotEqual(AccessLevel.None, pair.Value));

    [Fact]
    public void The_denial_uses_cinders_wording() =>
        Assert.Equal("Policy doesn't allow backup:create to be performed.", AccessPolicies.DeniedMessage(AccessPolicies.BackupCreate));
}
