using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VolumeBackup.Server.Api.Cinder;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;

namespace VolumeBackup.IntegrationTests.Identity;

/// <summary>The role a request needs, as the tests expect it independently of the server's table.</summary>
public enum Role
{
    Reader = 1,
    Member = 2,
    Admin = 3,
}

/// <summary>
/// One request per tenant-scoped route and method of the running server (per action for action routes), read from its
/// <see cref="EndpointDataSource"/>, so a route added later is covered without editing the tests.
/// </summary>
public sealed record PolicyCase(string Method, string Pattern, bool Cinder, string Policy, string? Action)
{
    /// <summary>
    /// Admin-only routes and actions, as Cinder's defaults have them. Written here, not read from the server's table, so
    /// that a table giving an admin action to members fails the tests.
    /// </summary>
    private static readonly HashSet<string> AdminOnly =
    [
        "GET backups/{backup_id}/export_record",
        "HEAD backups/{backup_id}/export_record",
        "POST backups/import_record",
        "POST backups/recover",
        "POST hp-volume-backups/recover",
        "POST backups/{backup_id}/action os-force_delete",
        "POST backups/{backup_id}/action os-reset_status",
        "POST manageable_volumes",
        "POST os-volume-manage",
        "POST volumes/{volume_id}/action os-unmanage",
        "POST os-volumes/manage",
        "POST os-volumes/{volume_id}/action os-unmanage",
        "POST os-volumes/{volume_id}/action os-attach",
        "POST os-volumes/{volume_id}/action os-detach",
        "GET os-hosts",
        "HEAD os-hosts",
        "GET os-hosts/{host}",
        "HEAD os-hosts/{host}",
        "GET os-services",
        "HEAD os-services",
        "PUT os-services/enable",
        "PUT os-services/disable",
        "PUT os-services/disable-log-reason",
    ];

    public const string NoPolicy = "(none)";

    /// <summary>The route below its surface's project prefix, e.g. <c>backups/{backup_id}</c>.</summary>
    public string Relative { get; } = RelativeOf(Pattern);

    /// <summary>Reads need a reader, admin-only routes an admin, every other write a member.</summary>
    public Role Needed => AdminOnly.Contains(Key) ? Role.Admin
        : Method is "GET" or "HEAD" ? Role.Reader
        : Role.Member;

    private string Key => Action is null ? $"{Method} {Relative}" : $"{Method} {Relative} {Action}";

    public override string ToString() => Action is null ? $"{Method} {Pattern}" : $"{Method} {Pattern} ({Action})";

    public static IReadOnlyList<PolicyCase> All(IServiceProvider services)
    {
        var cases = new List<PolicyCase>();
        foreach (var endpoint in TenantScoped(services))
        {
            var pattern = endpoint.RoutePattern.RawText!;
            var cinder = endpoint.Metadata.GetMetadata<CinderEndpoint>() is not null;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                if (endpoint.Metadata.GetMetadata<ActionPolicies>() is { } actions)
                {
                    cases.AddRange(actions.ByAction.Select(a => new PolicyCase(method, pattern, cinder, a.Value, a.Key)));
                }
                else
                {
                    // A route without a policy is still sent: the server must refuse it to everyone, which fails the tests.
                    var policy = endpoint.Metadata.GetMetadata<EndpointPolicy>()?.Name ?? NoPolicy;
                    cases.Add(new PolicyCase(method, pattern, cinder, policy, null));
                }
            }
        }

        return cases;
    }

    public static IEnumerable<RouteEndpoint> TenantScoped(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<TenantScopedEndpoint>() is not null);

    /// <summary>The request's path, with the route's parameters set for <paramref name="project"/> and <paramref name="ids"/>.</summary>
    public string Path(string project, ResourceIds ids)
    {
        var path = Pattern.Trim('/');
        foreach (var parameter in RoutePatternParameters(Pattern))
        {
            var value = parameter switch
            {
                "tenant_id" or "quota_project_id" => project,
                "volume_id" => Cinder ? ids.CinderVolume : ids.HpVolume,
                "backup_id" => Cinder ? ids.CinderBackup : ids.HpBackup,
                "policy_id" => Cinder ? ids.CinderPolicy : ids.HpPolicy,
                "host" => "test-node",
                _ => throw new InvalidOperationException($"{this}: give the route parameter {{{parameter}}} a sample value here."),
            };
            path = path.Replace("{" + parameter + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>A small valid body for writes (null for reads and deletes); ids as the surface shows them.</summary>
    public string? Body(ResourceIds ids)
    {
        var volume = Cinder ? ids.CinderVolume : ids.HpVolume;
        if (Action is not null)
        {
            return Action switch
            {
                "os-force_delete" or "os-cancel" or "os-verify" or "os-unmanage" or "os-reserve" or "os-unreserve" or "os-begin_detaching" or "os-roll_detaching" or "os-detach" =>
                    $"{{\"{Action}\": {{}}}}",
                "os-reset_status" => """{"os-reset_status": {"status": "error"}}""",
                "os-attach" => """{"os-attach": {"instance_uuid": "0b5f4c9e-0e4e-4c5e-9a7a-2f1d3c4b5a69", "mountpoint": "/dev/vdb"}}""",
                _ => throw new InvalidOperationException($"{this}: give the action a sample body here."),
            };
        }

        if (Method is "GET" or "HEAD" or "DELETE")
        {
            return null;
        }

        return $"{Method} {Relative}" switch
        {
            "POST os-volumes" or "POST volumes" => """{"volume": {"size": 1}}""",
            "PUT volumes/{volume_id}" => """{"volume": {"name": "renamed"}}""",
            "POST manageable_volumes" or "POST os-volume-manage" =>
                """{"volume": {"host": "test-node", "ref": {"source-name": "/dev/null"}}}""",
            "POST os-volumes/manage" => """{"volume": {"devicePath": "/dev/null"}}""",
            "POST hp-volume-backups" or "POST backups" => $"{{\"backup\": {{\"volume_id\": \"{volume}\"}}}}",
            "PUT backups/{backup_id}" => """{"backup": {"name": "renamed"}}""",
            "POST hp-volume-backup-policies" or "POST os-backup-policies" =>
                $"{{\"policy\": {{\"volume_id\": \"{volume}\", \"schedule\": {{\"interval_seconds\": 3600}}}}}}",
            "PUT hp-volume-backup-policies/{policy_id}" or "PUT os-backup-policies/{policy_id}" => """{"policy": {"name": "renamed"}}""",
            "POST hp-volume-backups/{backup_id}/restore" or "POST backups/{backup_id}/restore" =>
                $"{{\"restore\": {{\"volume_id\": \"{volume}\"}}}}",
            "POST hp-volume-backups/{backup_id}/cancel" or "POST hp-volume-backups/{backup_id}/verify" => "{}",
            "POST hp-volume-backups/recover" or "POST backups/recover" => """{"recover": {"container": "policy-check"}}""",
            "PUT os-services/enable" or "PUT os-services/disable" or "PUT os-services/disable-log-reason" =>
                """{"host": "no-such-node", "binary": "cinder-backup"}""",
            "POST backups/import_record" =>
                """{"backup-record": {"backup_service": "cinder.backup.drivers.volumebackup", "backup_url": "e30="}}""",
            _ => throw new InvalidOperationException($"{this}: give the route a sample body here."),
        };
    }

    private static IEnumerable<string> RoutePatternParameters(string pattern) =>
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(pattern).Parameters.Select(p => p.Name);

    private static string RelativeOf(string pattern)
    {
        foreach (var prefix in (string[])["/v1.1/{tenant_id}/", "/v3/{tenant_id}/", "/v3/"])
        {
            if (pattern.StartsWith(prefix, StringComparison.Ordinal))
            {
                return pattern[prefix.Length..].TrimEnd('/'); // MapGroup("x").MapGet("") ends in a slash
            }
        }

        throw new InvalidOperationException($"{pattern} is under neither surface's root.");
    }
}
