namespace VolumeBackup.EndToEndTests.Cli;

/// <summary>One server for every CLI test class; the classes run one after another against it.</summary>
[CollectionDefinition(Name)]
public sealed class CliServerGroup : ICollectionFixture<CliServerFixture>
{
    public const string Name = "cli";
}
