using Backprop.Cli.Output;
using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backprop.Cli.Playground;

/// <summary><c>backprop playground</c>: serves the page on 127.0.0.1 (or <c>--host</c>), prints the address, opens
/// nothing, and runs until Ctrl-C, which ends every session's training task before it exits.</summary>
public static class PlaygroundCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "The port to listen on (0: any free port).", DefaultValueFactory = _ => 5180 };
        var host = new Option<string>("--host") { Description = "The address to listen on; only this widens it beyond this machine.", DefaultValueFactory = _ => "127.0.0.1" };
        var data = new Option<string?>("--data") { Description = "A CSV with two numeric feature columns and a label, offered in the page." };
        var target = new Option<string?>("--target") { Description = "The label column of --data (default: the last column)." };
        var command = new Command("playground", "Watch a network learn, in the browser, on the real engine.") { port, host, data, target };
        command.SetAction(parse =>
        {
            int p = parse.GetValue(port);
            if (p is < 0 or > 65535) throw CliException.Usage($"--port {p}: use 0 … 65535.");
            var h = parse.GetValue(host)!;
            if (string.IsNullOrWhiteSpace(h) || h.Any(c => char.IsWhiteSpace(c) || c is '/' or '@'))
                throw CliException.Usage($"--host '{h}': give an address such as 127.0.0.1 or 0.0.0.0.");
            var path = parse.GetValue(data);
            if (path is null && parse.GetValue(target) is not null) throw CliException.Usage("--target needs --data FILE.csv.");
            DataSource? table = null;
            if (path is not null)
            {
                if (!File.Exists(path)) throw CliException.BadInput($"--data '{path}': no such file.");
                try { table = UploadedTable.Parse(File.ReadAllText(path), Path.GetFileName(path), parse.GetValue(target)); }
                catch (PlaygroundException e) { throw CliException.BadInput(e.Message); }
            }
            var app = PlaygroundServer.Build(new PlaygroundOptions { Host = h, Port = p, Data = table });
            app.Start();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? $"http://{h}:{p}";
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Backprop playground: {address}/  (open it in a browser; Ctrl-C stops)");
            if (table is not null) output.WriteLine($"data: {path} ({table.Points.Length} rows, {table.Columns[0]}, {table.Columns[1]} → {table.Target})");
            app.WaitForShutdown();
            output.WriteLine("playground stopped.");
            return 0;
        });
        return command;
    }
}
