using Microsoft.AspNetCore.Http;
using VolumeBackup.Domain.Faults;
using VolumeBackup.Domain.Tenancy;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;

namespace VolumeBackup.UnitTests.Server.Identity;

/// <summary>The middleware's decisions on endpoint metadata alone (the HTTP tests drive every real route).</summary>
public sealed class PolicyEnforcementTests
{
    [Fact]
    public async Task A_tenant_scoped_route_without_a_policy_is_refused_to_an_admin_too()
    {
        var (context, tenant) = Request(["admin"], TenantScopedEndpoint.Instance);

        var fault = await Assert.ThrowsAsync<FaultException>(() => Enforcement(out _).InvokeAsync(context, tenant));

        Assert.Equal(403, fault.Fault.Code);
        Assert.Equal(PolicyEnforcement.NoPolicyMessage, fault.Fault.Message);
    }

    [Fact]
    public async Task A_denied_policy_is_403_with_its_name_and_the_endpoint_never_runs()
    {
        var (context, tenant) = Request(["reader"], TenantScopedEndpoint.Instance, new EndpointPolicy(AccessPolicies.BackupCreate));

        var enforcement = Enforcement(out var ran);

        var fault = await Assert.ThrowsAsync<FaultException>(() => enforcement.InvokeAsync(context, tenant));

        Assert.Equal(Fault.Forbidden("Policy doesn't allow backup:create to be performed."), fault.Fault);
        Assert.False(ran());
    }

    [Fact]
    public async Task An_allowed_policy_passes_and_a_route_that_is_not_tenant_scoped_needs_none()
    {
        var (allowed, tenant) = Request(["member"], TenantScopedEndpoint.Instance, new EndpointPolicy(AccessPolicies.BackupCreate));
        var enforcement = Enforcement(out var ran);
        await enforcement.InvokeAsync(allowed, tenant);
        Assert.True(ran());

        var open = new DefaultHttpContext();
        open.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(), "versions"));
        await Enforcement(out var openRan).InvokeAsync(open, new TenantContext());
        Assert.True(openRan());
    }

    [Fact]
    public void An_action_the_route_does_not_declare_is_400_and_a_declared_one_is_checked_against_its_policy()
    {
        var actions = new ActionPolicies(new Dictionary<string, string> { ["os-reset_status"] = AccessPolicies.BackupResetStatus });
        var (context, member) = Request(["member"], TenantScopedEndpoint.Instance, actions);

        var unknown = Assert.Throws<FaultException>(() => PolicyEnforcement.DemandAction(context, member, "os-explode"));
        var denied = Assert.Throws<FaultException>(() => PolicyEnforcement.DemandAction(context, member, "os-reset_status"));

        Assert.Equal(Fault.BadRequest("There is no such action: os-explode"), unknown.Fault);
        Assert.Equal(Fault.Forbidden("Policy doesn't allow volume_extension:backup_admin_actions:reset_status to be performed."), denied.Fault);
        var (adminContext, admin) = Request(["admin"], TenantScopedEndpoint.Instance, actions);
        PolicyEnforcement.DemandAction(adminContext, admin, "os-reset_status");
    }

    [Fact]
    public void Declaring_a_policy_that_is_not_in_the_table_fails_when_the_route_is_mapped()
    {
        var builder = new ConventionBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.RequirePolicy("backup:frobnicate"));

        Assert.Contains("backup:frobnicate", error.Message, StringComparison.Ordinal);
    }

    private static PolicyEnforcement Enforcement(out Func<bool> ran)
    {
        var called = false;
        ran = () => called;
        return new PolicyEnforcement(_ =>
        {
            called = true;
            return Task.CompletedTask;
        });
    }

    private static (HttpContext Context, TenantContext Tenant) Request(string[] roles, params object[] metadata)
    {
        var context = new DefaultHttpContext();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(metadata), "route"));
        var tenant = new TenantContext();
        tenant.Set("p", new TenantIdentity("p", "u", roles));
        return (context, tenant);
    }

    private sealed class ConventionBuilder : Microsoft.AspNetCore.Builder.IEndpointConventionBuilder
    {
        public void Add(Action<Microsoft.AspNetCore.Builder.EndpointBuilder> convention)
        {
        }
    }
}
