using Microsoft.Extensions.FileProviders;
using VolumeBackup.Server.Hosting;

namespace VolumeBackup.Server.Dashboard;

/// <summary>Wires the dashboard into the pipeline and the routes, when <c>VolumeBackup:Dashboard:Enabled</c> is true.</summary>
internal static class DashboardApp
{
    /// <summary>Security headers for every <c>/dashboard</c> response, then the static files (before routing).</summary>
    public static void UseDashboard(this WebApplication app, VolumeBackupOptions options, NodeRoles roles)
    {
        if (!options.Dashboard.Enabled || !roles.Api)
        {
            return;
        }

        app.UseMiddleware<DashboardSecurityHeaders>();
        var files = new PhysicalFileProvider(DashboardAssets.Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = DashboardAssets.PathPrefix });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = DashboardAssets.PathPrefix });
    }

    /// <summary>
    /// <c>GET /dashboard/config</c> tells the page how to sign in (no secret in it); in Keystone mode the sign-in
    /// pass-through is mapped beside it.
    /// </summary>
    public static void MapDashboard(this IEndpointRouteBuilder endpoints, VolumeBackupOptions options, NodeRoles roles)
    {
        if (!options.Dashboard.Enabled || !roles.Api)
        {
            return;
        }

        var keystone = options.Identity.Kind == IdentityKind.Keystone;
        endpoints.MapRead(DashboardAssets.PathPrefix + "/config", () => TypedResults.Ok(new DashboardConfig(
            keystone ? "keystone" : "static",
            keystone ? options.Identity.Keystone.ServiceUserDomain : null)));
        if (keystone)
        {
            endpoints.MapDashboardKeystoneSignIn(options.Identity.Keystone);
        }
    }
}
