using Microsoft.AspNetCore.Server.Kestrel.Core;
using VolumeBackup.Server.Api.Cinder.Versions;
using VolumeBackup.Server.Api.Faults;
using VolumeBackup.Server.Dashboard;
using VolumeBackup.Server.Identity;
using VolumeBackup.Server.Identity.Policies;

namespace VolumeBackup.Server.Hosting;

/// <summary>Builds the web application: used by Program and by the in-process test server alike.</summary>
internal static class VolumeBackupApp
{
    /// <summary>
    /// Configuration, lowest to highest priority: appsettings.json, environment (<c>VolumeBackup__X</c>, then
    /// <c>VOLUMEBACKUP_X</c>), command line (<c>--VolumeBackup:X=v</c>, <c>--data-dir</c>, <c>--urls</c>).
    /// </summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(VolumeBackupApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(PrefixedEnvironmentVariables.Read());
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--data-dir"] = $"{VolumeBackupOptions.SectionName}:DataDirectory",
            ["--listen"] = $"{VolumeBackupOptions.SectionName}:Listen",
        });

        builder.Services.AddVolumeBackup(builder.Configuration);
        var options = builder.Configuration.GetSection(VolumeBackupOptions.SectionName).Get<VolumeBackupOptions>() ?? new();
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(options.Listen);
        }

        if (options.Logging.IsJson)
        {
            // One JSON object per line on stdout (validated above: text or json), for log collectors.
            builder.Logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(ApiStatusCodes.WriteFaultAsync);
        app.UseMiddleware<ExactMethodGuard>();
        app.UseDashboard(options, NodeRoles.Parse(options.Roles));
        app.UseRouting();

        // All key on the matched endpoint's metadata, never on the path's spelling: the token first, so nothing
        // about a request is answered to a caller without one, then the route's policy, before the body is read.
        app.UseMiddleware<TokenAuthentication>();
        app.UseMiddleware<PolicyEnforcement>();
        app.UseMiddleware<ApiRequestGuard>();
        app.UseMiddleware<CinderVersionNegotiation>();
        app.MapVolumeBackup(NodeRoles.Parse(options.Roles), options.Telemetry);
        app.MapDashboard(options, NodeRoles.Parse(options.Roles));
        return app;
    }
}
