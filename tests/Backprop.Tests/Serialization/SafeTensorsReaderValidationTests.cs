using Backprop.Serialization;

namespace Backprop.Tests.Serialization;

/// <summary>Every way a safetensors file can lie about itself gives a <see cref="ModelFileException"/> naming the file
/// and the problem, never another exception type.</summary>
public sealed class SafeTensorsReaderValidationTests
{
    private const string Source = "model.bp";

    private static ModelFileException Rejects(byte[] bytes)
    {
        var error = Assert.Throws<ModelFileException>(() => SafeTensorsReader.Read(new MemoryStream(bytes), Source));
        Assert.StartsWith(Source + ": ", error.Message);
        Assert.Equal(Source, error.FilePath);
        return error;
    }

    private static void RejectsWith(byte[] bytes, params string[] phrases)
    {
        var error = Rejects(bytes);
        foreach (var phrase in phrases) Assert.Contains(phrase, error.Reason);
    }

    private static byte[] Tensor(string entry, int dataBytes) => SafeTensorsBytes.Craft("{\"t\":" + entry + "}", dataBytes);

    [Fact]
    public void A_hand_made_valid_file_loads()
    {
        var file = SafeTensorsReader.Read(new MemoryStream(SafeTensorsBytes.Craft(SafeTensorsBytes.ValidJson(), 36)), Source);
        Assert.Equal("v", file.Metadata["k"]);
        Assert.Equal([2, 3], file.Find("a")!.Shape);
    }

    [Fact]
    public void A_header_of_only_braces_and_no_data_is_an_empty_but_valid_file()
    {
        var file = SafeTensorsReader.Read(new MemoryStream(SafeTensorsBytes.Craft("{}      ", 0)), Source);
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(7)]
    public void A_file_shorter_than_the_length_prefix_is_rejected(int length) =>
        RejectsWith(new byte[length], "too short", $"{length} bytes");

    [Fact]
    public void A_header_length_of_zero_is_rejected() =>
        RejectsWith(SafeTensorsBytes.WithHeaderLength(SafeTensorsBytes.Craft("{}", 0), 0), "header length is 0");

    [Theory]
    [InlineData(100_000_001UL)]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 63)]
    public void A_huge_header_length_is_rejected_before_anything_is_allocated(ulong length) =>
        RejectsWith(SafeTensorsBytes.WithHeaderLength(SafeTensorsBytes.Craft("{}", 0), length), "limit");

    [Fact]
    public void A_header_length_beyond_the_end_of_the_file_is_truncation() =>
        RejectsWith(SafeTensorsBytes.WithHeaderLength(SafeTensorsBytes.Craft("{}", 0), 3000), "truncated", "3000", "only 2 bytes");

    [Fact]
    public void Truncation_at_every_point_of_a_valid_file_is_rejected()
    {
        var bytes = SafeTensorsBytes.Craft(SafeTensorsBytes.ValidJson(), 36);
        for (int length = 0; length < bytes.Length; length++) Rejects(bytes[..length]);
        RejectsWith(bytes[..^10], "truncated", "header says 36 bytes of tensor data, file has 26");
    }

    [Fact]
    public void Bytes_after_the_last_tensor_are_rejected() =>
        RejectsWith(SafeTensorsBytes.Craft(SafeTensorsBytes.ValidJson(), 40), "4 bytes after the tensor data");

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("{\"t\": {", "not valid JSON")]
    [InlineData("{\"a\":1,}", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object", "a list")]
    [InlineData("\"text\"", "must be a JSON object", "a string")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("{\"__metadata__\": [1]}", "__metadata__ must be an object of strings")]
    [InlineData("{\"__metadata__\": {\"k\": 3}}", "__metadata__ value 'k' must be a string", "a number")]
    [InlineData("{\"__metadata__\": {\"k\": \"a\", \"k\": \"b\"}}", "two values named 'k'")]
    [InlineData("{\"__metadata__\": {}, \"__metadata__\": {}}", "two __metadata__")]
    [InlineData("{\"t\": 5}", "tensor 't' must be described by an object")]
    [InlineData("{\"\": {}}", "empty name")]
    [InlineData("{\"__metadata__\": {\"k\": \"\\ud800\"}}", "not valid JSON")]
    [InlineData("{\"\\udc00\": {}}", "not valid JSON")]
    public void A_malformed_header_is_rejected(string json, params string[] phrases) =>
        RejectsWith(SafeTensorsBytes.Craft(json, 0), phrases);

    [Fact]
    public void A_header_that_is_not_utf8_is_rejected()
    {
        var bytes = SafeTensorsBytes.Craft("{\"__metadata__\":{\"k\":\"ab\"}}", 0);
        bytes[8 + 23] = 0xFF;
        RejectsWith(bytes, "not valid UTF-8");
    }

    [Fact]
    public void Deeply_nested_json_is_rejected_as_invalid() =>
        RejectsWith(SafeTensorsBytes.Craft(new string('[', 5000) + new string(']', 5000), 0), "not valid JSON");

    [Theory]
    [InlineData("""{"dtype":"F16","shape":[1],"data_offsets":[0,2]}""", 2, "dtype F16", "does not read")]
    [InlineData("""{"dtype":"float","shape":[1],"data_offsets":[0,4]}""", 4, "unknown dtype 'float'")]
    [InlineData("""{"dtype":"f32","shape":[1],"data_offsets":[0,4]}""", 4, "unknown dtype 'f32'")]
    [InlineData("""{"dtype":32,"shape":[1],"data_offsets":[0,4]}""", 4, "dtype that is not a string")]
    [InlineData("""{"shape":[1],"data_offsets":[0,4]}""", 4, "has no dtype")]
    [InlineData("""{"dtype":"F32","data_offsets":[0,4]}""", 4, "has no shape")]
    [InlineData("""{"dtype":"F32","shape":[1]}""", 4, "has no data_offsets")]
    [InlineData("""{"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":1}""", 4, "unexpected field 'extra'")]
    [InlineData("""{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}""", 4, "two 'dtype' fields")]
    public void A_bad_dtype_or_missing_field_is_rejected(string entry, int dataBytes, params string[] phrases) =>
        RejectsWith(Tensor(entry, dataBytes), phrases);

    [Theory]
    [InlineData("""{"dtype":"F32","shape":[2,-3],"data_offsets":[0,0]}""", "dimension 1 is -3")]
    [InlineData("""{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}""", "dimension 0 is 1.5")]
    [InlineData("""{"dtype":"F32","shape":[3000000000],"data_offsets":[0,4]}""", "dimension 0 is 3000000000")]
    [InlineData("""{"dtype":"F32","shape":["2"],"data_offsets":[0,4]}""", "dimension 0 is \"2\"")]
    [InlineData("""{"dtype":"F32","shape":4,"data_offsets":[0,4]}""", "shape that is not a list")]
    [InlineData("""{"dtype":"F32","shape":[2000000000,2000000000,2000000000],"data_offsets":[0,4]}""", "more elements than Backprop can load")]
    [InlineData("""{"dtype":"F64","shape":[1000000000],"data_offsets":[0,8000000000]}""", "larger than Backprop can load")]
    public void A_bad_shape_is_rejected(string entry, string phrase) =>
        RejectsWith(Tensor(entry, 4), phrase);

    [Theory]
    [InlineData("""{"dtype":"F32","shape":[2],"data_offsets":[0]}""", "must have data_offsets [begin, end]")]
    [InlineData("""{"dtype":"F32","shape":[2],"data_offsets":"0-8"}""", "must have data_offsets [begin, end]")]
    [InlineData("""{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}""", "whole numbers ≥ 0")]
    [InlineData("""{"dtype":"F32","shape":[2],"data_offsets":[0,8.0]}""", "whole numbers ≥ 0")]
    [InlineData("""{"dtype":"F32","shape":[2],"data_offsets":[0,99999999999999999999]}""", "whole numbers ≥ 0")]
    [InlineData("""{"dtype":"F32","shape":[2],"data_offsets":[8,0]}""", "end before they begin")]
    [InlineData("""{"dtype":"F32","shape":[2],"data_offsets":[0,4]}""", "needs 8 bytes", "span 4")]
    [InlineData("""{"dtype":"F64","shape":[2],"data_offsets":[0,8]}""", "needs 16 bytes", "span 8")]
    [InlineData("""{"dtype":"F32","shape":[2],"data_offsets":[0,8000000000]}""", "needs 8 bytes")]
    public void Bad_data_offsets_are_rejected(string entry, params string[] phrases) =>
        RejectsWith(Tensor(entry, 8), phrases);

    [Fact]
    public void Offsets_that_leave_a_gap_are_rejected() =>
        RejectsWith(SafeTensorsBytes.Craft("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12),
            "4 bytes", "before tensor 'b'", "gap at byte 4");

    [Fact]
    public void Offsets_that_do_not_start_at_zero_are_a_gap() =>
        RejectsWith(Tensor("""{"dtype":"F32","shape":[1],"data_offsets":[4,8]}""", 8), "gap at byte 0");

    [Fact]
    public void Overlapping_tensors_are_rejected() =>
        RejectsWith(SafeTensorsBytes.Craft("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12),
            "'a' and 'b' overlap");

    [Fact]
    public void Two_tensors_sharing_the_same_bytes_are_rejected() =>
        RejectsWith(SafeTensorsBytes.Craft("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 4),
            "overlap");

    [Fact]
    public void A_tensor_listed_twice_is_rejected() =>
        RejectsWith(SafeTensorsBytes.Craft("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8),
            "'a' is listed twice");

    [Fact]
    public void Offsets_past_the_end_of_the_data_are_truncation() =>
        RejectsWith(Tensor("""{"dtype":"F32","shape":[4],"data_offsets":[0,16]}""", 8), "truncated", "16 bytes of tensor data, file has 8");

    [Fact]
    public void Very_long_names_are_cut_short_in_messages()
    {
        var name = new string('n', 10_000);
        var error = Rejects(SafeTensorsBytes.Craft("{\"" + name + "\": 1}", 0));
        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_model_file_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "model.bp");
        var error = Assert.Throws<ModelFileException>(() => SafeTensorsReader.Load(path));
        Assert.Equal($"{path}: file not found", error.Message);
        Assert.Throws<ModelFileException>(() => SafeTensorsReader.ReadHeader(path));
    }

    [Fact]
    public void A_folder_is_not_a_model_file() =>
        Assert.Throws<ModelFileException>(() => SafeTensorsReader.Load(Path.GetTempPath()));
}
