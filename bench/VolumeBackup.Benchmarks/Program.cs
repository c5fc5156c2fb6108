using BenchmarkDotNet.Running;
using VolumeBackup.Benchmarks;

if (args is ["swift-throughput", .. var rest])
{
    await SwiftThroughput.RunAsync(rest);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SwiftThroughput).Assembly).Run(args);
