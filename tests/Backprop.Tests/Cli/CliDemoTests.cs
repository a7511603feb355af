namespace Backprop.Tests.Cli;

/// <summary><c>backprop demo …</c> run in-process in tiny configurations: each prints the notes' claim beside its own
/// measurement and writes its picture into <c>--out</c>.</summary>
public sealed class CliDemoTests
{
    [Fact]
    public void The_graph_demo_draws_the_recorded_graph_of_J_with_its_values_and_gradients()
    {
        using var sandbox = new CliSandbox();
        var result = sandbox.Run("demo", "graph", "--out", sandbox.Folder);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("here:  J = 33; dJ/dv = 3, dJ/da = 3, dJ/du = 3, dJ/db = 6, dJ/dc = 9", result.Out);
        var svg = File.ReadAllText(sandbox.PathOf("computation-graph.svg"));
        Assert.StartsWith("<svg", svg);
        foreach (var text in new[] { "value = 33", "dJ/da = 3", "dJ/db = 6", "dJ/dc = 9", "J = 3v", "u = bc", "v = a + u" })
            Assert.Contains(text, svg);
        Assert.Equal(5, svg.Split("<line ").Length - 1); // b→u, c→u, a→v, u→v, v→J
        Assert.Contains(sandbox.PathOf("computation-graph.svg"), result.Out);
    }

    [Fact]
    public void The_vectorization_demo_times_loop_tensor_and_kernel_and_the_gradients_agree()
    {
        using var sandbox = new CliSandbox();
        var result = sandbox.Run("demo", "vectorization", "--size", "4096", "--repeats", "2", "--examples", "200", "--features", "30");
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var method in new[] { "for-loop", "Tensor (a * b).Sum()", "Tensor.MatMul(a, bᵀ)", "Gemm kernel a·bᵀ", "loops over i and j", "(A − Y)ᵀX/m" })
            Assert.Contains(method, result.Out);
        Assert.Contains("notes: a Python for-loop takes about 500 ms", result.Out);
        Assert.Matches(@"dw agrees to \d\.\dE-0(0[5-9]|1\d)", result.Out);
    }

    [Fact]
    public void The_init_demo_shows_zeros_keep_the_hidden_units_symmetric_and_plots_four_cost_curves()
    {
        using var sandbox = new CliSandbox();
        var result = sandbox.Run("demo", "init", "--iterations", "200", "--out", sandbox.Folder);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("all 4 rows of W1 are equal (largest difference 0", result.Out);
        foreach (var start in new[] { "zeros", "large random ×10", "small random ×0.01", "He" }) Assert.Contains(start, result.Out);
        Assert.True(new FileInfo(sandbox.PathOf("init-costs.png")).Length > 1000);
    }

    [Fact]
    public void The_activations_demo_plots_the_four_functions_with_derivatives_and_trains_with_each()
    {
        using var sandbox = new CliSandbox();
        var result = sandbox.Run("demo", "activations", "--iterations", "100", "--out", sandbox.Folder);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("max σ′ = 0.2500, max tanh′ = 1.0000", result.Out);
        Assert.Contains("leaky ReLU′ = 0.01 for z < 0", result.Out);
        foreach (var name in new[] { "sigmoid", "tanh", "relu", "leaky-relu" }) Assert.Contains(name, result.Out);
        Assert.True(new FileInfo(sandbox.PathOf("activations.png")).Length > 1000);
        Assert.True(new FileInfo(sandbox.PathOf("activations-costs.png")).Length > 1000);
    }

    [SkippableFact]
    public void The_scale_demo_prints_a_table_of_four_learners_and_plots_them_on_a_log_axis()
    {
        var cache = Path.GetDirectoryName(Path.GetDirectoryName(TestData.Dataset("mnist", "train-labels-idx1-ubyte.gz")))!;
        using var sandbox = new CliSandbox();
        var result = sandbox.Run("demo", "scale", "--sizes", "50,200", "--epochs", "1", "--min-steps", "5", "--test-examples", "200",
            "--cache", cache, "--out", sandbox.Folder);
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var learner in new[] { "logistic regression", "small NN", "medium NN", "large NN" }) Assert.Contains(learner, result.Out);
        Assert.Contains("notes: the traditional learner's curve plateaus", result.Out);
        Assert.Contains("from m = 50 to 200 logistic regression gains", result.Out);
        Assert.True(new FileInfo(sandbox.PathOf("scale-mnist.png")).Length > 1000);
    }

    [Theory]
    [InlineData(new[] { "demo", "scale", "--sizes", "100,abc" }, "--sizes")]
    [InlineData(new[] { "demo", "scale", "--data", "cifar" }, "--data")]
    [InlineData(new[] { "demo", "init", "--iterations", "0" }, "--iterations")]
    [InlineData(new[] { "demo", "activations", "--learning-rate", "-1" }, "--learning-rate")]
    [InlineData(new[] { "demo", "vectorization", "--size", "0" }, "--size")]
    public void A_bad_demo_flag_is_one_line_naming_it_with_exit_code_2(string[] args, string flag)
    {
        using var sandbox = new CliSandbox();
        sandbox.Fails(2, args, flag);
    }
}
