using System.Globalization;

namespace VolumeBackup.ObjectStores.Swift;

/// <summary>The health probe: a HEAD of every configured account, which also tells whether its quota is used up.</summary>
public sealed partial class SwiftObjectStoreProvider : IObjectStoreProbe
{
    /// <summary>A readiness check must answer fast; a cluster that needs longer for a HEAD counts as unreachable.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<ObjectStoreHealth> ProbeAsync(CancellationToken ct)
    {
        var accounts = _options.Mode == SwiftMode.Service
            ? [AccountFor(ServiceAccountKey, _options.ServiceAccount!)]
            : _options.Tenants.Select(t => AccountFor(t.Key, t.Value)).ToList();
        foreach (var account in accounts)
        {
            var health = await ProbeAsync(account, ct);
            if (!health.IsHealthy)
            {
                return health;
            }
        }

        return ObjectStoreHealth.Ok;
    }

    private static async Task<ObjectStoreHealth> ProbeAsync(SwiftAccount account, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            return await account.RunAsync("HEAD of the account", async t =>
            {
                using var response = await account.SendAsync(s => new HttpRequestMessage(HttpMethod.Head, s.StorageUrl), default, t);
                if (!response.IsSuccessStatusCode)
                {
                    throw await SwiftErrors.FromResponseAsync(response, "HEAD of the account", "account", t);
                }

                var used = Header(response, "X-Account-Bytes-Used");
                var quota = Header(response, "X-Account-Meta-Quota-Bytes");
                return used is { } u && quota is { } q && u >= q ? ObjectStoreHealth.Full : ObjectStoreHealth.Ok;
            }, timeout.Token);
        }
        catch (ObjectStoreException e)
        {
            return ObjectStoreHealth.Of(e);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ObjectStoreHealth.Unreachable;
        }
    }

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
