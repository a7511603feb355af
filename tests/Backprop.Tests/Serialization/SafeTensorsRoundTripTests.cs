using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Backprop.Serialization;
using Backprop.Tensors;

namespace Backprop.Tests.Serialization;

public sealed class SafeTensorsRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Tensor<float> Weights() => Tensor<float>.FromArray([1.5f, -2f, 0f, -0f, float.MaxValue, float.Epsilon], 2, 3);
    private static Tensor<double> Bias() => Tensor<double>.Vector(Math.PI, -1e-300, double.NegativeInfinity);

    private static List<NamedTensor> Sample() =>
        [NamedTensor.FromTensor("W1", Weights()), NamedTensor.FromTensor("b1", Bias())];

    private static readonly Dictionary<string, string> SampleMetadata = new() { ["note"] = "quotes \" and ünïcode ✓", ["json"] = """{"a":[1,2]}""" };

    [Fact]
    public void Tensors_and_metadata_round_trip_bit_for_bit()
    {
        var path = _folder.File("t.safetensors");
        var nan = BitConverter.Int32BitsToSingle(0x7FC0_1234); // a NaN with a payload
        var weights = Weights();
        weights[1, 2] = nan;
        SafeTensorsWriter.Save(path, [NamedTensor.FromTensor("W1", weights), NamedTensor.FromTensor("b1", Bias())], SampleMetadata);

        var file = SafeTensorsReader.Load(path);

        Assert.Equal(SampleMetadata, file.Metadata);
        Assert.Equal(["W1", "b1"], file.Tensors.Select(t => t.Name));
        var w = file.Find("W1")!.ToTensor<float>();
        Assert.Equal([2, 3], w.Shape.ToArray());
        Assert.Equal(weights.ToArray().Select(BitConverter.SingleToInt32Bits), w.ToArray().Select(BitConverter.SingleToInt32Bits));
        var b = file.Find("b1")!.ToTensor<double>();
        Assert.Equal(Bias().ToArray().Select(BitConverter.DoubleToInt64Bits), b.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void The_written_layout_matches_the_safetensors_spec_when_parsed_by_hand()
    {
        var path = _folder.File("t.safetensors");
        SafeTensorsWriter.Save(path, Sample(), SampleMetadata);
        var bytes = File.ReadAllBytes(path);

        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, n % 8);
        var headerBytes = bytes.AsSpan(8, (int)n);
        Assert.Equal((byte)'{', headerBytes[0]);
        using var header = JsonDocument.Parse(headerBytes.ToArray());
        Assert.Equal("quotes \" and ünïcode ✓", header.RootElement.GetProperty("__metadata__").GetProperty("note").GetString());

        var w = header.RootElement.GetProperty("W1");
        Assert.Equal("F32", w.GetProperty("dtype").GetString());
        Assert.Equal([2, 3], w.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([0L, 24L], w.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        var b = header.RootElement.GetProperty("b1");
        Assert.Equal("F64", b.GetProperty("dtype").GetString());
        Assert.Equal([24L, 48L], b.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));

        int data = 8 + (int)n;
        Assert.Equal(data + 48, bytes.Length);
        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(data)));
        Assert.Equal(float.Epsilon, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(data + 20)));
        Assert.Equal(Math.PI, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(data + 24)));
        Assert.Equal(double.NegativeInfinity, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(data + 40)));
    }

    [SkippableFact]
    public void An_independent_python_reader_sees_the_same_header_and_values()
    {
        Skip.IfNot(File.Exists("/usr/bin/python3"), "needs /usr/bin/python3 (standard library only)");
        var path = _folder.File("t.safetensors");
        SafeTensorsWriter.Save(path, Sample(), SampleMetadata);
        const string script = """
            import json, struct, sys
            raw = open(sys.argv[1], 'rb').read()
            n = struct.unpack('<Q', raw[:8])[0]
            assert n % 8 == 0
            header = json.loads(raw[8:8 + n].decode('utf-8'))
            meta = header.pop('__metadata__')
            data = raw[8 + n:]
            end = 0
            for name, t in sorted(header.items(), key=lambda kv: kv[1]['data_offsets'][0]):
                b, e = t['data_offsets']
                assert b == end, name
                end = e
                fmt = {'F32': 'f', 'F64': 'd'}[t['dtype']]
                count = 1
                for d in t['shape']: count *= d
                values = struct.unpack('<%d%s' % (count, fmt), data[b:e])
                print(name, t['dtype'], t['shape'], ' '.join(repr(v) for v in values))
            assert end == len(data)
            print('note', meta['note'])
            """;
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(path);
        using var python = Process.Start(psi)!;
        var output = python.StandardOutput.ReadToEnd();
        var errors = python.StandardError.ReadToEnd();
        python.WaitForExit();

        Assert.True(python.ExitCode == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("W1 F32 [2, 3] 1.5 -2.0 0.0 -0.0 3.4028234663852886e+38 1.401298464324817e-45", lines[0]);
        Assert.Equal("b1 F64 [3] 3.141592653589793 -1e-300 -inf", lines[1]);
        Assert.Equal("note quotes \" and ünïcode ✓", lines[2]);
    }

    [Fact]
    public void The_header_is_padded_with_spaces_to_a_multiple_of_eight_for_any_name_length()
    {
        for (int length = 1; length <= 9; length++)
        {
            var stream = new MemoryStream();
            SafeTensorsWriter.Write(stream, [NamedTensor.FromTensor(new string('x', length), Tensor<float>.Vector(1f))]);
            var bytes = stream.ToArray();
            ulong n = SafeTensorsBytes.HeaderLength(bytes);
            Assert.Equal(0UL, n % 8);
            Assert.Equal(SafeTensorsBytes.HeaderText(bytes).TrimEnd(' '), SafeTensorsBytes.HeaderText(bytes).TrimEnd());
            stream.Position = 0;
            Assert.Equal(1f, SafeTensorsReader.Read(stream, "memory").Tensors[0].ToTensor<float>().ToScalar());
        }
    }

    [Fact]
    public void Loading_converts_between_f32_and_f64_when_asked_for_the_other_type()
    {
        var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, [NamedTensor.FromTensor("x", Tensor<float>.Vector(0.1f, -3f)), NamedTensor.FromTensor("y", Tensor<double>.Vector(0.1, 1e300))]);
        stream.Position = 0;
        var file = SafeTensorsReader.Read(stream, "memory");

        Assert.Equal([(double)0.1f, -3.0], file.Find("x")!.ToTensor<double>().ToArray());
        Assert.Equal([0.1f, float.PositiveInfinity], file.Find("y")!.ToTensor<float>().ToArray());
    }

    [Fact]
    public void Scalars_and_empty_tensors_round_trip()
    {
        var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, [NamedTensor.FromTensor("s", Tensor<double>.Scalar(7)), NamedTensor.FromTensor("e", Tensor<float>.Zeros(0, 4))]);
        stream.Position = 0;
        var file = SafeTensorsReader.Read(stream, "memory");

        Assert.Equal(7.0, file.Find("s")!.ToTensor<double>().ToScalar());
        Assert.Empty(file.Find("s")!.Shape);
        Assert.Equal([0, 4], file.Find("e")!.Shape);
    }

    [Fact]
    public void Writing_rejects_duplicate_names_and_the_reserved_metadata_name()
    {
        var one = NamedTensor.FromTensor("a", Tensor<float>.Vector(1f));
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(new MemoryStream(), [one, one]));
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(new MemoryStream(), [NamedTensor.FromTensor("__metadata__", Tensor<float>.Vector(1f))]));
        Assert.Throws<ArgumentException>(() => new NamedTensor("a", DType.F32, [2], new byte[4]));
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it_and_leaves_no_temporary_file()
    {
        var path = _folder.File("model.bp");
        File.WriteAllText(path, "old");
        SafeTensorsWriter.Save(path, Sample());

        Assert.Equal(["model.bp"], _folder.FileNames());
        Assert.Equal(2, SafeTensorsReader.Load(path).Tensors.Count);
    }

    [Fact]
    public void A_save_that_fails_midway_leaves_the_old_file_intact_and_no_temporary_file()
    {
        var path = _folder.File("model.bp");
        File.WriteAllText(path, "the old model");
        string? temporary = null;

        var error = Assert.Throws<IOException>(() => SafeTensorsWriter.Save(path, Sample(), SampleMetadata, beforeCommit: stream =>
        {
            temporary = ((FileStream)stream).Name;
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", error.Message);
        Assert.StartsWith(".model.bp.tmp-", Path.GetFileName(temporary));
        Assert.Equal(Path.GetDirectoryName(Path.GetFullPath(path)), Path.GetDirectoryName(temporary));
        Assert.Equal("the old model", File.ReadAllText(path));
        Assert.Equal(["model.bp"], _folder.FileNames());
    }

    [Fact]
    public void A_save_into_a_missing_folder_fails_without_creating_anything()
    {
        var path = Path.Combine(_folder.Path, "missing", "model.bp");
        Assert.ThrowsAny<IOException>(() => SafeTensorsWriter.Save(path, Sample()));
        Assert.Empty(_folder.FileNames());
    }
}
