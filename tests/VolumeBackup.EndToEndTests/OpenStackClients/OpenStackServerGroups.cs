namespace VolumeBackup.EndToEndTests.OpenStackClients;

/// <summary>One fast server for the round trip, cross-surface and error classes; they run one after another on it.</summary>
[CollectionDefinition(Name)]
public sealed class FastOpenStackServerGroup : ICollectionFixture<FastOpenStackServer>
{
    public const string Name = "openstack-fast";
}

/// <summary>The throttled, small-quota server of the status and quota error tests.</summary>
[CollectionDefinition(Name)]
public sealed class SlowOpenStackServerGroup : ICollectionFixture<SlowSmallQuotaOpenStackServer>
{
    public const string Name = "openstack-slow";
}
