using Microsoft.Extensions.Options;
using VolumeBackup.Persistence;
using VolumeBackup.Server.Identity;

namespace VolumeBackup.Server.Hosting;

/// <summary>
/// Runs before the server listens: creates the data directory, applies the database migrations and loads (or, on
/// the first start, creates) the token file. A database that does not answer yet is waited for (see
/// <see cref="DatabaseStartupWait"/>). In Keystone mode there is no token file: Keystone knows the tokens.
/// </summary>
internal sealed class StartupInitializer(
    DataDirectory data, IServiceScopeFactory scopes, ITokenValidator tokens, IOptions<VolumeBackupOptions> options,
    TimeProvider time, ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        data.EnsureExists();
        var wait = DatabaseStartupWait.Build(options.Value.Database.StartupWait, time, logger);
        await wait.ExecuteAsync(
            async ct =>
            {
                // A fresh scope per attempt: a context whose connection failed is not reused.
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<VolumeBackupDbContext>();
                await DatabaseMigrator.MigrateAsync(db, ct);
            },
            cancellationToken);

        if (tokens is StaticTokenValidator staticTokens)
        {
            await staticTokens.LoadAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
