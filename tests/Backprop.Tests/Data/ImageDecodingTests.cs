using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>What decoding does to each kind of image file (<see cref="ImageFolder.DecodeInto"/>): EXIF orientation turns a
/// JPEG upright, CMYK and palette images become RGB, 8- and 16-bit greyscale PNGs stay one channel when asked, and a
/// source of another aspect ratio is centre-cropped, then resized bilinearly with pixel centres aligned. The fixtures
/// are made by tests/fixtures/images/make_images.py.</summary>
public sealed class ImageDecodingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("backprop-decode-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_exif_orientation_6_jpeg_is_turned_upright_before_resizing()
    {
        var path = TestData.Fixture("images/exif-orientation-6.jpg"); // stored 16 × 8: left half black, right half white
        Assert.Equal(6, ExifOrientation.Read(path));
        var upright = Decode(path, 8, 16, 3); // upright 8 × 16: top half black, bottom half white
        for (int row = 0; row < 16; row++)
        {
            if (row is 7 or 8) continue; // the JPEG's edge ringing
            double mean = upright.Skip(row * 8 * 3).Take(8 * 3).Average(b => b);
            Assert.True(row < 8 ? mean < 40 : mean > 215, $"row {row}: mean {mean}");
        }
    }

    [Fact]
    public void A_cmyk_jpeg_decodes_to_its_rgb_colour()
    {
        var red = Decode(TestData.Fixture("images/cmyk.jpg"), 8, 8, 3); // C 0, M 255, Y 255, K 0: red
        for (int p = 0; p < 64; p++)
            Assert.True(red[3 * p] > 200 && red[3 * p + 1] < 60 && red[3 * p + 2] < 60, $"pixel {p}: {red[3 * p]}, {red[3 * p + 1]}, {red[3 * p + 2]}");
    }

    [Fact]
    public void Greyscale_pngs_of_8_and_16_bits_are_surveyed_as_greyscale_and_keep_their_values_in_one_channel()
    {
        var grey8 = TestData.Fixture("images/grey8.png");
        var grey16 = TestData.Fixture("images/grey16.png");
        Assert.True(ImageFolder.Survey([grey8, grey16], fallback: 64).AllGreyscale);
        Assert.False(ImageFolder.Survey([grey8, TestData.Fixture("images/palette.png")], fallback: 64).AllGreyscale);

        var rows = Decode(grey8, 8, 8, 1); // 255 − 32·row
        for (int i = 0; i < 64; i++) Assert.Equal(255 - 32 * (i / 8), rows[i]);
        var columns = Decode(grey16, 8, 8, 1); // 65535·col / 7, reduced to 8 bits
        for (int i = 0; i < 64; i++) Assert.InRange(columns[i], 255 * (i % 8) / 7.0 - 1, 255 * (i % 8) / 7.0 + 1);
        var rgb = Decode(grey8, 8, 8, 3); // asked for RGB, each channel is the grey value
        for (int i = 0; i < 64; i++) Assert.All(rgb.Skip(3 * i).Take(3), v => Assert.Equal(rows[i], v));
    }

    [Fact]
    public void A_palette_png_becomes_its_rgb_colours()
    {
        var pixels = Decode(TestData.Fixture("images/palette.png"), 8, 8, 3); // left half blue, right half yellow
        for (int i = 0; i < 64; i++)
            Assert.Equal(i % 8 < 4 ? new byte[] { 0, 0, 255 } : [255, 255, 0], pixels.Skip(3 * i).Take(3).ToArray());
    }

    [Fact]
    public void A_wide_or_tall_image_is_centre_cropped_to_the_target_aspect_ratio()
    {
        // 12 × 6: columns 0–2 black, 3–8 grey 200, 9–11 grey 50; the centred 6 × 6 square is all 200.
        var wide = Write("wide.bmp", TestImages.Bmp(12, 6, (_, col, _) => (byte)(col < 3 ? 0 : col < 9 ? 200 : 50)));
        Assert.All(Decode(wide, 6, 6, 3), v => Assert.Equal(200, v));
        // 6 × 12 on its side, the same by rows.
        var tall = Write("tall.bmp", TestImages.Bmp(6, 12, (row, _, _) => (byte)(row < 3 ? 0 : row < 9 ? 200 : 50)));
        Assert.All(Decode(tall, 6, 6, 3), v => Assert.Equal(200, v));
    }

    [Fact]
    public void Halving_samples_between_pixel_centres_and_rounds_to_bytes()
    {
        // A 4 × 4 ramp 10·col + 1 resized to 2 × 2: source x = (col + ½)·2 − ½ = 0.5 and 2.5, so (1 + 11)/2 = 6 and (21 + 31)/2 = 26.
        var ramp = Write("ramp.bmp", TestImages.Bmp(4, 4, (_, col, _) => (byte)(10 * col + 1)));
        Assert.Equal(new byte[] { 6, 6, 6, 26, 26, 26, 6, 6, 6, 26, 26, 26 }, Decode(ramp, 2, 2, 3));
        // Odd values round half away from zero: (0 + 1)/2 = 0.5 → 1 (Math.Round's banker's rounding would give 0).
        var odd = Write("odd.bmp", TestImages.Bmp(2, 1, (_, col, _) => (byte)col));
        Assert.Equal(new byte[] { 1, 1, 1 }, Decode(odd, 1, 1, 3));
    }

    [Fact]
    public void An_empty_class_folder_is_an_error_naming_it_and_one_class_is_enough_to_evaluate_on()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "cats"));
        Write(Path.Combine("cats", "a.bmp"), TestImages.Bmp(2, 2, (_, _, _) => 9));
        Directory.CreateDirectory(Path.Combine(_folder, "dogs"));
        File.WriteAllText(Path.Combine(_folder, "dogs", "notes.txt"), "no images here");
        var error = Assert.Throws<DataFormatException>(() => ImageFolder.List(_folder));
        Assert.Equal(Path.Combine(_folder, "dogs"), error.FileName);
        Assert.StartsWith("dogs: is a class folder without images", error.Message);

        Directory.Delete(Path.Combine(_folder, "dogs"), recursive: true);
        Assert.Throws<DataFormatException>(() => ImageFolder.List(_folder)); // training needs two classes
        var (files, classes) = ImageFolder.List(_folder, minimumClasses: 1);
        Assert.Equal(["cats"], classes);
        Assert.Single(files);
    }

    private static byte[] Decode(string path, int width, int height, int channels)
    {
        var bytes = new byte[width * height * channels];
        ImageFolder.DecodeInto(path, width, height, bytes);
        return bytes;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
