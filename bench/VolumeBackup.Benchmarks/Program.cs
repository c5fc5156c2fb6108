using BenchmarkDotNet.Running;
using VolumeBackup.Benchmarks;
using VolumeBackup.Benchmarks.EndToEnd;

if (args is ["swift-throughput", .. var rest])
{
    await SwiftThroughput.RunAsync(rest);
    return 0;
}

// "e2e ..." drives bench/e2e-throughput.sh; anything else is BenchmarkDotNet's command line.
if (args.Length > 0 && args[0] == "e2e")
{
    return await EndToEndCommand.RunAsync(args[1..]);
}

// A benchmark whose kernel gave a wrong byte (its [GlobalSetup] or [GlobalCleanup] check threw) has no result: exit 1.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(EndToEndCommand).Assembly).Run(args);
var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo).ToList();
foreach (var name in failed)
{
    await Console.Error.WriteLineAsync($"FAILED: {name}");
}

return failed.Count > 0 || summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
