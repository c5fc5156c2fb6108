using VolumeBackup.Keystone;

namespace VolumeBackup.Server.Hosting;

internal static class KeystoneServiceCollectionExtensions
{
    /// <summary>The Keystone client and the service user's session, for Keystone mode.</summary>
    public static IServiceCollection AddKeystone(this IServiceCollection services, KeystoneOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new KeystoneClient(
            KeystoneHttp.Client, options.AuthUrl ?? throw new InvalidOperationException("Identity:Keystone:AuthUrl is not set."), options.RequestTimeout));
        services.AddSingleton(sp => new KeystoneServiceSession(
            sp.GetRequiredService<KeystoneClient>(),
            new KeystonePasswordCredentials(options.ServiceUser, options.ServicePassword ?? string.Empty, options.ServiceUserDomain),
            KeystoneScope.Project(options.ServiceProject, options.ServiceProjectDomain),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    // One connection pool for every Keystone call of the process; Keystone's address may change behind DNS, hence the lifetime.
    private static class KeystoneHttp
    {
        public static readonly HttpClient Client = new(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            UseCookies = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }
}
