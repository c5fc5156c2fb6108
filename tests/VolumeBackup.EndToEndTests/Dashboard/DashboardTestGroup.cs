namespace VolumeBackup.EndToEndTests.Dashboard;

/// <summary>The dashboard tests share one server and one browser page, so they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardTestGroup : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard";
}
