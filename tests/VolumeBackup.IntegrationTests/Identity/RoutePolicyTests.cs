using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Server.Identity.Policies;

namespace VolumeBackup.IntegrationTests.Identity;

/// <summary>Every tenant-scoped route of the running server declares a policy of the one table.</summary>
public sealed class RoutePolicyTests(PolicyServerFixture fixture) : IClassFixture<PolicyServerFixture>
{
    /// <summary>HP routes and the Cinder routes doing the same thing: both surfaces adapt one domain, so one policy.</summary>
    private static readonly (string Hp, string Cinder)[] SameOperation =
    [
        ("GET os-volumes", "GET volumes"),
        ("GET os-volumes/detail", "GET volumes/detail"),
        ("GET os-volumes/{volume_id}", "GET volumes/{volume_id}"),
        ("POST os-volumes", "POST volumes"),
        ("DELETE os-volumes/{volume_id}", "DELETE volumes/{volume_id}"),
        ("POST os-volumes/manage", "POST manageable_volumes"),
        ("POST os-volumes/{volume_id}/action os-unmanage", "POST volumes/{volume_id}/action os-unmanage"),
        ("GET hp-volume-backups", "GET backups"),
        ("GET hp-volume-backups/detail", "GET backups/detail"),
        ("GET hp-volume-backups/{backup_id}", "GET backups/{backup_id}"),
        ("POST hp-volume-backups", "POST backups"),
        ("DELETE hp-volume-backups/{backup_id}", "DELETE backups/{backup_id}"),
        ("POST hp-volume-backups/{backup_id}/restore", "POST backups/{backup_id}/restore"),
        ("POST hp-volume-backups/{backup_id}/verify", "POST backups/{backup_id}/action os-verify"),
        ("POST hp-volume-backups/{backup_id}/cancel", "POST backups/{backup_id}/action os-cancel"),
        ("POST hp-volume-backups/recover", "POST backups/recover"),
        ("GET hp-volume-backup-policies", "GET os-backup-policies"),
        ("GET hp-volume-backup-policies/{policy_id}", "GET os-backup-policies/{policy_id}"),
        ("POST hp-volume-backup-policies", "POST os-backup-policies"),
        ("PUT hp-volume-backup-policies/{policy_id}", "PUT os-backup-policies/{policy_id}"),
        ("DELETE hp-volume-backup-policies/{policy_id}", "DELETE os-backup-policies/{policy_id}"),
    ];

    // HP routes without a Cinder counterpart: the admin actions (attach bookkeeping by an operator; Cinder's own attach
    // actions are the compute service's, a member's).
    // The nodes' admin view is HP-style; Cinder's os-services shows the same nodes in another shape (its own policy).
    private static readonly string[] HpOnly = ["POST os-volumes/{volume_id}/action", "GET os-hosts", "GET os-hosts/{host}"];

    [Fact]
    public void Every_tenant_scoped_endpoint_declares_a_policy_of_the_table()
    {
        var endpoints = PolicyCase.TenantScoped(fixture.Server.Services).ToList();

        Assert.True(endpoints.Count >= 40, $"only {endpoints.Count} tenant-scoped endpoints found");
        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = $"{string.Join(",", endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} {endpoint.RoutePattern.RawText}";
            var policy = endpoint.Metadata.GetMetadata<EndpointPolicy>()?.Name;
            var actions = endpoint.Metadata.GetMetadata<ActionPolicies>()?.ByAction;
            if (policy is null && actions is null)
            {
                missing.Add($"{route}: no policy");
            }

            if (policy is not null && actions is not null)
            {
                missing.Add($"{route}: both a route policy and action policies");
            }

            if (actions is { Count: 0 })
            {
                missing.Add($"{route}: an empty action list");
            }

            missing.AddRange(((string?[])[policy, .. actions?.Values ?? []])
                .Where(p => p is not null && !AccessPolicies.Table.ContainsKey(p))
                .Select(p => $"{route}: {p} is not in the table"));
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Endpoints_that_need_no_token_declare_no_policy()
    {
        var open = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Except(PolicyCase.TenantScoped(fixture.Server.Services))
            .ToList();

        Assert.NotEmpty(open); // health and version discovery
        Assert.All(open, e => Assert.Null(e.Metadata.GetMetadata<EndpointPolicy>()));
    }

    [Fact]
    public void Hp_routes_share_the_policy_of_the_cinder_route_doing_the_same_thing()
    {
        var cases = PolicyCase.All(fixture.Server.Services);
        string PolicyOf(bool cinder, string route) =>
            Assert.Single(cases, c => c.Cinder == cinder && c.Pattern.StartsWith(cinder ? "/v3/{tenant_id}/" : "/v1.1/", StringComparison.Ordinal)
                && (c.Action is null ? $"{c.Method} {c.Relative}" : $"{c.Method} {c.Relative} {c.Action}") == route).Policy;

        foreach (var (hp, cinder) in SameOperation)
        {
            Assert.True(PolicyOf(false, hp) == PolicyOf(true, cinder), $"{hp} and {cinder} differ");
        }

        // A new HP route must be paired here (or the pairing shown to have no Cinder counterpart).
        var hpRoutes = cases.Where(c => !c.Cinder && c.Method != "HEAD").Select(c => $"{c.Method} {c.Relative}").ToHashSet();
        // An action row ("POST os-volumes/{volume_id}/action os-unmanage") pairs one action of a route: compare routes.
        var paired = SameOperation.Select(p => string.Join(' ', p.Hp.Split(' ').Take(2))).Concat(HpOnly).Distinct();
        Assert.Equal(hpRoutes.Order(StringComparer.Ordinal), paired.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_write_needs_at_least_a_member_and_every_read_a_reader_in_the_table()
    {
        // The table against the methods: a write given to readers (or a read made admin-only by mistake) fails here.
        var wrong = PolicyCase.All(fixture.Server.Services)
            .Where(c => !AccessPolicies.Table.TryGetValue(c.Policy, out var level) || (int)level != (int)c.Needed)
            .Select(c => $"{c}: {c.Policy} needs {AccessPolicies.Table.GetValueOrDefault(c.Policy)}, expected {c.Needed}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
