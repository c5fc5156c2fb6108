using System.Buffers;
using System.Diagnostics;
using VolumeBackup.ObjectStores;
using VolumeBackup.ObjectStores.Swift;

namespace VolumeBackup.Benchmarks;

/// <summary>
/// Swift PUT and GET throughput through the driver (with retries, as the service runs it): a number of MiB in objects of
/// a fixed size, at several parallelism levels. Run: <c>dotnet run -c Release --project bench/VolumeBackup.Benchmarks -- swift-throughput [total MiB] [object MiB] [auth URL] [user] [key]</c>.
/// </summary>
internal static class SwiftThroughput
{
    public static async Task RunAsync(string[] args)
    {
        var totalMiB = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 64;
        var objectMiB = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4;
        var authUrl = new Uri(args.Length > 2 ? args[2] : "http://127.0.0.1:8080/auth/v1.0");
        var user = args.Length > 3 ? args[3] : "test:tester";
        var key = args.Length > 4 ? args[4] : "testing";
        var count = totalMiB / objectMiB;
        var data = new byte[objectMiB << 20];
        Random.Shared.NextBytes(data);

        var options = new ObjectStoreOptions
        {
            Kind = ObjectStoreKind.Swift,
            Swift = new SwiftOptions { AuthUrl = authUrl, Tenants = { ["bench"] = SwiftAccountCredentials.ForUser(authUrl, user, key) } },
        };
        var provider = ObjectStoreProviderFactory.Create(options);
        try
        {
            var store = provider.Open("bench", $"vbbench-{Guid.NewGuid():N}");
            await store.EnsureContainerAsync(CancellationToken.None);
            Console.WriteLine($"{totalMiB} MiB in {count} objects of {objectMiB} MiB, Swift at {authUrl}");
            Console.WriteLine("parallel   PUT MB/s   GET MB/s");
            foreach (var parallel in new[] { 1, 2, 4, 8, 16 })
            {
                var keys = Enumerable.Range(0, count).Select(i => $"packs/{parallel:D2}/{i:D4}").ToList();
                var put = await TimeAsync(keys, parallel, (k, t) => new ValueTask(store.PutAsync(k, data, null, t)));
                var get = await TimeAsync(keys, parallel, async (k, t) =>
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(data.Length);
                    try
                    {
                        var writer = new FixedBufferWriter(buffer);
                        await store.GetAsync(k, writer, t);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                });
                await store.DeleteManyAsync(keys, CancellationToken.None);
                Console.WriteLine($"{parallel,8} {Rate(totalMiB, put),10:0.0} {Rate(totalMiB, get),10:0.0}");
            }
        }
        finally
        {
            (provider as IDisposable)?.Dispose();
        }
    }

    private static double Rate(int mib, TimeSpan elapsed) => mib * 1.048576 / elapsed.TotalSeconds;

    private static async Task<TimeSpan> TimeAsync(List<string> keys, int parallel, Func<string, CancellationToken, ValueTask> operation)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = parallel }, operation);
        return clock.Elapsed;
    }

    /// <summary>Writes into one caller-owned array (the pooled buffer a restore would use).</summary>
    private sealed class FixedBufferWriter(byte[] buffer) : IBufferWriter<byte>
    {
        private int _written;

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => buffer.AsMemory(_written);

        public Span<byte> GetSpan(int sizeHint = 0) => buffer.AsSpan(_written);
    }
}
