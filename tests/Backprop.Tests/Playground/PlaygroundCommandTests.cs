namespace Backprop.Tests.Playground;

public class PlaygroundCommandTests
{
    [Fact]
    public void A_missing_data_file_is_one_line_and_exit_code_1()
    {
        var (code, _, error) = PlaygroundCli.Run("playground", "--data", "/no/such/points.csv");
        Assert.Equal(1, code);
        Assert.Equal("backprop: --data '/no/such/points.csv': no such file.", error.Trim());
    }

    [Fact]
    public void A_data_file_with_the_wrong_columns_is_refused_before_the_server_starts()
    {
        var path = Path.Combine(Path.GetTempPath(), $"playground-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "a,b,c,d\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n");
        try
        {
            var (code, _, error) = PlaygroundCli.Run("playground", "--data", path);
            Assert.Equal(1, code);
            Assert.Contains("has 4 column(s); the playground needs 3", error);
            Assert.Single(error.Trim().Split('\n'));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--target", "y")]
    [InlineData("--host", "a b")]
    public void A_bad_flag_is_a_usage_error(string flag, string value)
    {
        var (code, _, error) = PlaygroundCli.Run("playground", flag, value);
        Assert.Equal(2, code);
        Assert.StartsWith($"backprop: {flag}", error);
    }
}
