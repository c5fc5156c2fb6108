namespace VolumeBackup.Server.Dashboard;

/// <summary>
/// Where the dashboard's static files are: copied beside the server's binary at build time, so <c>dotnet run</c>, the
/// published server and test processes started from the build output all find them without a content root of their own.
/// </summary>
internal static class DashboardAssets
{
    /// <summary>The URL path the dashboard is served under.</summary>
    public const string PathPrefix = "/dashboard";

    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Dashboard", "wwwroot");
}
