using BenchmarkDotNet.Running;
using VolumeBackup.Benchmarks.EndToEnd;

// "e2e ..." drives bench/e2e-throughput.sh; anything else is BenchmarkDotNet's command line.
if (args.Length > 0 && args[0] == "e2e")
{
    return await EndToEndCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(EndToEndCommand).Assembly).Run(args);
return 0;
