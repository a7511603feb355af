#:package StbImageWriteSharp@1.16.7
#:project ../../src/Backprop/Backprop.csproj
// An image folder for the streaming benchmark (bench/images/run.sh), and a decode-only speed test.
//   dotnet run bench/images/make-folder.cs -- make OUT COUNT [SIDE]   COUNT PNGs of SIDE × SIDE (default 64) in 10 class folders
//   dotnet run bench/images/make-folder.cs -- decode FOLDER SIDE       decode + resize every image on all cores: images/s
// Class c is a filled shape (disc, square, triangle, ring, cross, bars) in one of 10 colour schemes on a noisy background,
// placed and sized at random (seeded), so PNGs compress like photos of simple objects (about 5–9 KB at 64 × 64).
using System.Diagnostics;
using Backprop.Data;
using StbImageWriteSharp;

if (args is ["make", var root, var countText, ..])
{
    int count = int.Parse(countText), side = args.Length > 3 ? int.Parse(args[3]) : 64;
    for (int c = 0; c < 10; c++) Directory.CreateDirectory(Path.Combine(root, $"class{c}"));
    Parallel.For(0, count, i =>
    {
        var random = new Random(i);
        int c = i % 10;
        var pixels = new byte[side * side * 3];
        double cx = side * (0.3 + 0.4 * random.NextDouble()), cy = side * (0.3 + 0.4 * random.NextDouble()), r = side * (0.15 + 0.15 * random.NextDouble());
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                double dx = x - cx, dy = y - cy, d = Math.Sqrt(dx * dx + dy * dy);
                bool inside = (c % 6) switch
                {
                    0 => d < r,
                    1 => Math.Abs(dx) < r && Math.Abs(dy) < r,
                    2 => dy > -r && dy < r && Math.Abs(dx) < (dy + r) / 2,
                    3 => d < r && d > r / 2,
                    4 => Math.Abs(dx) < r / 3 && Math.Abs(dy) < r || Math.Abs(dy) < r / 3 && Math.Abs(dx) < r,
                    _ => Math.Abs(dx) < r && ((int)(dy + side) / 4) % 2 == 0,
                };
                for (int ch = 0; ch < 3; ch++)
                {
                    int value = inside ? 60 + 40 * ((c + ch) % 5) : 128 + (ch - 1) * 20 * (c / 6 * 2 - 1);
                    pixels[(y * side + x) * 3 + ch] = (byte)Math.Clamp(value + random.Next(-25, 26), 0, 255);
                }
            }
        using var file = File.Create(Path.Combine(root, $"class{c}", $"{i:D6}.png"));
        new ImageWriter().WritePng(pixels, side, side, ColorComponents.RedGreenBlue, file);
    });
    Console.WriteLine($"wrote {count} PNGs of {side} × {side} under {root}");
}
else if (args is ["decode", var folder, var sideText])
{
    int side = int.Parse(sideText);
    var (files, _) = ImageFolder.List(folder);
    var clock = Stopwatch.StartNew();
    Parallel.ForEach(files, () => new byte[side * side * 3], (f, _, buffer) => { ImageFolder.DecodeInto(f.Path, side, side, buffer); return buffer; }, _ => { });
    double seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"decoded {files.Count} images in {seconds:F1} s: {files.Count / seconds:F0} images/s on {Environment.ProcessorCount} cores");
}
else Console.Error.WriteLine("usage: make OUT COUNT [SIDE] | decode FOLDER SIDE");
