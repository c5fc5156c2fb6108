namespace VolumeBackup.Benchmarks.Kernels;

/// <summary>
/// Checks of a kernel's output. A benchmark runs its kernel once and checks it in [GlobalSetup], and checks what the
/// last measured call left in [GlobalCleanup]. A wrong byte ends the process with exit code 1: BenchmarkDotNet only
/// logs an exception thrown from a cleanup and keeps the timing, so a throw would not stop anything. Out of process the
/// benchmark's report then fails and Program returns 1; in process (--inProcess) the whole run stops with exit 1.
/// </summary>
internal static class KernelCheck
{
    public static void SameBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string what)
    {
        var at = expected.CommonPrefixLength(actual);
        if (at != expected.Length || actual.Length != expected.Length)
        {
            Fail($"{what}: wrong output at byte {at} (expected {expected.Length} bytes, got {actual.Length})");
        }
    }

    public static void That(bool condition, string what)
    {
        if (!condition)
        {
            Fail($"{what}: wrong output");
        }
    }

    private static void Fail(string message)
    {
        Console.Out.Flush();
        Console.Error.WriteLine($"FAILED: {message}; stopping the benchmark");
        Environment.Exit(1);
    }
}
