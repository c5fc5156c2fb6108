using System.Buffers.Binary;
using System.IO.Compression;

namespace VolumeBackup.EndToEndTests.Dashboard;

/// <summary>
/// Decodes the 8-bit RGB/RGBA, non-interlaced PNGs Chromium's screenshots are, far enough to count distinct colours:
/// a blank or single-colour capture has one or two, a drawn page hundreds.
/// </summary>
internal static class PngPixels
{
    public static (int Width, int Height, int DistinctColours) Inspect(byte[] png)
    {
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0)
                {
                    throw new NotSupportedException("Only 8-bit, non-interlaced PNGs are read here.");
                }

                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {data[9]}") };
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var colours = new HashSet<int>();
        for (var y = 0; y < height; y++)
        {
            var row = raw.AsSpan(y * (stride + 1), stride + 1);
            Unfilter(row[0], row[1..], previous, current, channels);
            for (var x = 0; x < stride; x += channels)
            {
                colours.Add(current[x] << 16 | current[x + 1] << 8 | current[x + 2]);
            }

            (previous, current) = (current, previous);
        }

        return (width, height, colours.Count);
    }

    private static void Unfilter(byte filter, ReadOnlySpan<byte> source, byte[] above, byte[] output, int bpp)
    {
        for (var i = 0; i < source.Length; i++)
        {
            int left = i >= bpp ? output[i - bpp] : 0, up = above[i], upLeft = i >= bpp ? above[i - bpp] : 0;
            output[i] = (byte)(source[i] + filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, upLeft),
                _ => throw new NotSupportedException($"PNG filter {filter}"),
            });
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
