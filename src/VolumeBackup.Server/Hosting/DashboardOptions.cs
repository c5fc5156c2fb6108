namespace VolumeBackup.Server.Hosting;

/// <summary>The web dashboard under <c>/dashboard</c> (section <c>VolumeBackup:Dashboard</c>).</summary>
internal sealed class DashboardOptions
{
    /// <summary>Serves the dashboard's pages; off, <c>/dashboard</c> answers 404 like any unknown path.</summary>
    public bool Enabled { get; set; } = true;
}
