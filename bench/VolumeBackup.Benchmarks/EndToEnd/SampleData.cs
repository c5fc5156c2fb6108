namespace VolumeBackup.Benchmarks.EndToEnd;

/// <summary>The generator's text-like and random bytes, for kernel benchmarks that should see the same data as the e2e run.</summary>
internal static class SampleData
{
    public static byte[] Text(int length, ulong seed = 1)
    {
        var rng = new MixedVolumeGenerator.SplitMix(seed);
        var bytes = new byte[length];
        MixedVolumeGenerator.WriteText(bytes, rng, MixedVolumeGenerator.Vocabulary(rng));
        return bytes;
    }

    public static byte[] Random(int length, ulong seed = 2)
    {
        var bytes = new byte[length];
        MixedVolumeGenerator.WriteRandom(bytes, new MixedVolumeGenerator.SplitMix(seed));
        return bytes;
    }
}
