using System.Reflection;

namespace VolumeBackup.UnitTests.Architecture;

/// <summary>
/// The project dependency DAG (docs/architecture.md), asserted from the compiled assemblies: a new edge between our
/// projects, or EF Core / ASP.NET Core reaching a project that must not know them, fails here and is a reviewed decision.
/// </summary>
public sealed class DependencyGraphTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["VolumeBackup.Domain"] = [],
        ["VolumeBackup.Contracts"] = [],
        ["VolumeBackup.Platform"] = [],
        ["VolumeBackup.Keystone"] = [],
        ["VolumeBackup.ObjectStores"] = ["VolumeBackup.Platform"],
        ["VolumeBackup.Volumes"] = ["VolumeBackup.Platform"],
        ["VolumeBackup.DataPath"] = ["VolumeBackup.ObjectStores", "VolumeBackup.Volumes", "VolumeBackup.Platform"],
        ["VolumeBackup.Persistence"] = ["VolumeBackup.Domain", "VolumeBackup.DataPath", "VolumeBackup.ObjectStores", "VolumeBackup.Volumes"],
        ["VolumeBackup.Server"] =
        [
            "VolumeBackup.Domain", "VolumeBackup.Contracts", "VolumeBackup.ObjectStores", "VolumeBackup.Volumes",
            "VolumeBackup.DataPath", "VolumeBackup.Persistence", "VolumeBackup.Platform", "VolumeBackup.Keystone",
        ],
        ["VolumeBackup.Client"] = ["VolumeBackup.Contracts"],
        ["volume-backup"] = ["VolumeBackup.Client", "VolumeBackup.Contracts"],
    };

    public static TheoryData<string> Projects() => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_references_only_the_projects_the_dependency_table_allows(string project)
    {
        var ours = References(project).Where(IsOurs).ToList();

        Assert.All(ours, reference => Assert.Contains(reference, Allowed[project]));
    }

    [Theory]
    [InlineData("VolumeBackup.Platform")]
    [InlineData("VolumeBackup.Domain")]
    [InlineData("VolumeBackup.Contracts")]
    [InlineData("VolumeBackup.ObjectStores")]
    [InlineData("VolumeBackup.Volumes")]
    [InlineData("VolumeBackup.DataPath")]
    public void A_core_project_knows_nothing_of_ef_core_or_asp_net(string project)
    {
        var frameworks = References(project)
            .Where(name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || name.StartsWith("Npgsql", StringComparison.Ordinal));

        Assert.Empty(frameworks);
    }

    [Fact]
    public void The_persistence_project_really_is_used_by_the_server()
    {
        // Guards the test itself: GetReferencedAssemblies lists only assemblies the IL uses.
        Assert.Contains("VolumeBackup.Persistence", References("VolumeBackup.Server"));
    }

    [Theory]
    [InlineData("VolumeBackup.Server.Jobs", "VolumeBackup.Server.Api")]
    [InlineData("VolumeBackup.Server.Operations", "VolumeBackup.Server.Api")]
    [InlineData("VolumeBackup.Server.Api.Hp", "VolumeBackup.Server.Api.Cinder")]
    [InlineData("VolumeBackup.Server.Api.Cinder", "VolumeBackup.Server.Api.Hp")]
    public void A_server_namespace_does_not_use_a_namespace_it_must_not_know(string from, string forbidden)
    {
        // The API enqueues jobs through the JobQueue and wakes this node's workers; the jobs need nothing of the API.
        // The operations (rules and transactions) serve both API surfaces, which are wire adapters and share nothing.
        var uses = NamespaceReferences.Of(Assembly.Load("VolumeBackup.Server"), from)
            .Where(edge => NamespaceReferences.IsUnder(edge.Used, forbidden))
            .Select(edge => $"{edge.From.FullName} uses {edge.Used}")
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.True(uses.Count == 0, $"{from} must not use {forbidden}:\n{string.Join('\n', uses)}");
    }

    [Fact]
    public void The_namespace_scan_sees_calls_made_inside_method_bodies()
    {
        // Guards the scan itself: Hosting reaches the API's endpoint mapping only through calls in its methods.
        var used = NamespaceReferences.Of(Assembly.Load("VolumeBackup.Server"), "VolumeBackup.Server.Hosting").Select(edge => edge.Used);

        Assert.Contains("VolumeBackup.Server.Api.Hp.Backups", used);
    }

    private static bool IsOurs(string name) => name.StartsWith("VolumeBackup.", StringComparison.Ordinal) || name == "volume-backup";

    private static List<string> References(string project) =>
        [.. Assembly.Load(project).GetReferencedAssemblies().Select(a => a.Name!)];
}
