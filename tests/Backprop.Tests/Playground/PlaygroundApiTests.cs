using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Backprop.Cli;
using Backprop.Cli.Playground;

namespace Backprop.Tests.Playground;

public class PlaygroundApiTests
{
    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value, PlaygroundApi.Json), Encoding.UTF8, "application/json");

    private static async Task<string> NewSession(HttpClient client, object? settings = null)
    {
        var response = await client.PostAsync("/api/sessions", Json(settings ?? new PlaygroundSettings()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> Frame(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/frame")).GetProperty("frame");

    private static async Task<string> Error(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
    }

    [Fact]
    public async Task The_page_and_its_script_are_served_from_the_tool()
    {
        await using var server = await PlaygroundTestServer.InMemory();
        var client = server.Client();
        Assert.Contains("<canvas id=\"heat\"", await client.GetStringAsync("/"));
        Assert.Contains("EventSource", await client.GetStringAsync("/playground.js"));
        Assert.Contains("grid", await client.GetStringAsync("/playground.css"));
    }

    [Fact]
    public async Task Info_lists_every_dataset_feature_activation_and_optimiser()
    {
        await using var server = await PlaygroundTestServer.InMemory();
        var info = await server.Client().GetFromJsonAsync<JsonElement>("/api/info");
        Assert.Equal(["circle", "xor", "gauss", "spiral", "flower", "plane", "multigauss"], info.GetProperty("datasets").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(7, info.GetProperty("features").GetArrayLength());
        Assert.Equal(["gd", "momentum", "adam"], info.GetProperty("optimizers").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("{\"hidden\":[4,4,4,4,4,4,4]}", "at most 6 hidden layers")]
    [InlineData("{\"hidden\":[0]}", "0 units")]
    [InlineData("{\"learningRate\":-1}", "learning rate -1")]
    [InlineData("{\"dataset\":\"moons\"}", "dataset 'moons'")]
    [InlineData("{\"features\":[]}", "at least one input feature")]
    [InlineData("{\"features\":[\"x3\"]}", "feature 'x3'")]
    [InlineData("{\"activation\":\"swish\"}", "activation 'swish'")]
    [InlineData("{\"optimizer\":\"rmsprop\"}", "optimizer 'rmsprop'")]
    [InlineData("{\"batchSize\":0}", "batch size 0")]
    [InlineData("{\"noise\":90}", "noise 90")]
    [InlineData("{\"dataset\":\"csv\"}", "no CSV yet")]
    [InlineData("not json", "not valid JSON")]
    public async Task A_bad_setting_is_refused_with_one_line_that_names_it(string body, string expected)
    {
        await using var server = await PlaygroundTestServer.InMemory();
        var response = await server.Client().PostAsync("/api/sessions", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = await Error(response);
        Assert.Contains(expected, error);
        Assert.DoesNotContain('\n', error);
        Assert.Equal(0, server.Sessions.Count);
    }

    [Fact]
    public async Task A_step_trains_one_epoch_and_the_frame_has_the_heat_map_and_the_course_shapes()
    {
        await using var server = await PlaygroundTestServer.InMemory();
        var client = server.Client();
        var id = await NewSession(client);
        (await client.PostAsync($"/api/sessions/{id}/step", null)).EnsureSuccessStatusCode();
        var frame = await Frame(client, id);
        Assert.Equal(1, frame.GetProperty("epoch").GetInt32());
        Assert.Equal(25, frame.GetProperty("steps").GetInt32()); // 250 training points in batches of 10
        Assert.Equal(100 * 100, frame.GetProperty("output").GetBytesFromBase64().Length);
        Assert.Equal(["W[1]: (4, 2)   b[1]: (4, 1)", "W[2]: (2, 4)   b[2]: (2, 1)", "W[3]: (1, 2)   b[3]: (1, 1)"],
            frame.GetProperty("shapes").EnumerateArray().Select(e => e.GetString()));
        var layers = frame.GetProperty("layers");
        Assert.Equal([2, 4, 2, 0], layers.EnumerateArray().Select(l => l.GetProperty("maps").GetArrayLength()));
        Assert.Equal(25 * 25, layers[1].GetProperty("maps")[0].GetBytesFromBase64().Length);
    }

    [Fact]
    public async Task Changing_the_layers_resets_the_network_but_changing_the_learning_rate_does_not()
    {
        await using var server = await PlaygroundTestServer.InMemory();
        var client = server.Client();
        var id = await NewSession(client);
        await client.PostAsync($"/api/sessions/{id}/step", null);
        (await client.PostAsync($"/api/sessions/{id}/settings", Json(new PlaygroundSettings { LearningRate = 0.1 }))).EnsureSuccessStatusCode();
        Assert.Equal(1, (await Frame(client, id)).GetProperty("epoch").GetInt32());
        (await client.PostAsync($"/api/sessions/{id}/settings", Json(new PlaygroundSettings { LearningRate = 0.1, Hidden = [3] }))).EnsureSuccessStatusCode();
        var frame = await Frame(client, id);
        Assert.Equal(0, frame.GetProperty("epoch").GetInt32());
        Assert.Equal(2, frame.GetProperty("shapes").GetArrayLength());
    }

    [Theory]
    [InlineData("\u0001\u0000binary", "not a CSV")]
    [InlineData("a,b\n1,2\n3,4\n5,6\n7,8\n", "has 2 column(s)")]
    [InlineData("a,b,y\n1,2,0\n3,x,1\n5,6,0\n7,8,1\n", "b")]
    [InlineData("a,b,y\n1,2,0\n", "at least 4")]
    public async Task A_bad_upload_gives_a_message_and_the_server_keeps_running(string csv, string expected)
    {
        await using var server = await PlaygroundTestServer.InMemory();
        var client = server.Client();
        var id = await NewSession(client);
        var error = await Error(await client.PostAsync($"/api/sessions/{id}/upload?name=bad.csv", new StringContent(csv)));
        Assert.Contains(expected, error);
        (await client.PostAsync($"/api/sessions/{id}/step", null)).EnsureSuccessStatusCode();
        Assert.Equal("circle", (await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/frame")).GetProperty("points").GetProperty("dataset").GetString());
    }

    [Fact]
    public async Task An_upload_over_a_mebibyte_is_refused()
    {
        await using var server = await PlaygroundTestServer.InMemory();
        var client = server.Client();
        var id = await NewSession(client);
        var error = await Error(await client.PostAsync($"/api/sessions/{id}/upload?name=big.csv", new StringContent("a,b,y\n" + new string('1', 1_100_000))));
        Assert.Contains("too large", error);
    }

    [Fact]
    public async Task An_uploaded_csv_becomes_the_training_data()
    {
        await using var server = await PlaygroundTestServer.InMemory();
        var client = server.Client();
        var id = await NewSession(client);
        (await client.PostAsync($"/api/sessions/{id}/upload?name=people.csv&target=fit", new StringContent(PlaygroundCsv.Separable()))).EnsureSuccessStatusCode();
        for (int i = 0; i < 3; i++) await client.PostAsync($"/api/sessions/{id}/step", null);
        var state = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/frame");
        Assert.Equal("csv", state.GetProperty("points").GetProperty("dataset").GetString());
        Assert.Equal(3, state.GetProperty("frame").GetProperty("epoch").GetInt32());
        Assert.Equal(200 * 3, state.GetProperty("points").GetProperty("train").GetArrayLength() + state.GetProperty("points").GetProperty("test").GetArrayLength());
    }

    [Fact]
    public async Task A_session_whose_page_went_away_ends_after_the_grace_period()
    {
        await using var server = await PlaygroundTestServer.InMemory(new PlaygroundOptions { Grace = TimeSpan.FromSeconds(2) });
        var client = server.Client();
        var id = await NewSession(client);
        await client.PostAsync($"/api/sessions/{id}/play", null);
        var session = server.Sessions.Find(id)!;
        using (var cancel = new CancellationTokenSource())
        {
            using var response = await client.GetAsync($"/api/sessions/{id}/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            while (await reader.ReadLineAsync(cancel.Token) is { } line && !line.StartsWith("event: frame", StringComparison.Ordinal)) { }
            await Task.Delay(2500);
            Assert.Equal(1, server.Sessions.Count); // watched: kept beyond the grace period
            cancel.Cancel();
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.Sessions.Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0, server.Sessions.Count);
        await session.Loop.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/sessions/{id}/play", null)).StatusCode);
    }

    [Fact]
    public async Task Closing_a_page_ends_its_session_at_once()
    {
        await using var server = await PlaygroundTestServer.InMemory();
        var client = server.Client();
        var ids = new List<string>();
        for (int i = 0; i < 5; i++) ids.Add(await NewSession(client));
        foreach (var id in ids) await client.PostAsync($"/api/sessions/{id}/play", null);
        foreach (var id in ids) (await client.PostAsync($"/api/sessions/{id}/close", null)).EnsureSuccessStatusCode();
        Assert.Equal(0, server.Sessions.Count);
    }

    [Fact]
    public async Task The_downloaded_model_loads_in_backprop_evaluate()
    {
        await using var server = await PlaygroundTestServer.InMemory();
        var client = server.Client();
        var id = await NewSession(client, new PlaygroundSettings { Features = ["x1", "x2", "x1^2"], LearningRate = 0.1 });
        for (int i = 0; i < 30; i++) await client.PostAsync($"/api/sessions/{id}/step", null);
        var folder = Directory.CreateTempSubdirectory("playground-model-");
        try
        {
            var model = Path.Combine(folder.FullName, "circle.bp");
            var data = Path.Combine(folder.FullName, "circle.csv");
            await File.WriteAllBytesAsync(model, await client.GetByteArrayAsync($"/api/sessions/{id}/model.bp"));
            await File.WriteAllTextAsync(data, await client.GetStringAsync($"/api/sessions/{id}/data.csv"));
            var (code, output, error) = PlaygroundCli.Run("evaluate", "--model", model, "--data", data, "--json");
            Assert.True(code == 0, error);
            var metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(output)!;
            Assert.True(metrics["accuracy"] > 0.9, output);
        }
        finally { folder.Delete(recursive: true); }
    }
}
