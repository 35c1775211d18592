using System.Globalization;
using System.Runtime.InteropServices;
using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Demo;

namespace Interceptor.Simulator.Hosting;

/// <summary>
/// The standalone server's arguments: <c>--port N</c> (default 0, any free port), <c>--https</c> (TLS from an
/// in-process CA), <c>--kubeconfig PATH</c> (written once the server listens, for kubectl) and <c>--controllers</c>
/// (the simulated controllers and scheduler, so pods of a ReplicaSet appear and get bound).
/// </summary>
internal static class CommandLine
{
    private static readonly List<PosixSignalRegistration> Registrations = [];

    private const string Usage = "usage: Interceptor.Simulator [--port N] [--https] [--kubeconfig PATH] [--controllers]";

    /// <summary>The arguments, or null (after printing usage) when they are wrong.</summary>
    public static StandaloneArguments? TryParse(string[] args)
    {
        try
        {
            return Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"{e.Message}{Environment.NewLine}{Usage}");
            return null;
        }
    }

    private static StandaloneArguments Parse(string[] args)
    {
        var port = 0;
        var https = false;
        var controllers = SimulatedControllers.None;
        string? kubeconfig = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--https")
            {
                https = true;
            }
            else if (args[i] == "--controllers")
            {
                controllers = SimulatedControllers.All;
            }
            else if (args[i] == "--kubeconfig" && i + 1 < args.Length)
            {
                kubeconfig = args[++i];
            }
            else if (args[i].StartsWith("--kubeconfig=", StringComparison.Ordinal))
            {
                kubeconfig = args[i]["--kubeconfig=".Length..];
            }
            else if (args[i] == "--port" && i + 1 < args.Length)
            {
                port = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (args[i].StartsWith("--port=", StringComparison.Ordinal))
            {
                port = int.Parse(args[i]["--port=".Length..], NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else
            {
                throw new ArgumentException($"unknown argument \"{args[i]}\"");
            }
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var options = new FakeApiServerOptions
        {
            Port = port,
            UseHttps = https,
            Controllers = controllers,
            ConfigureLogging = logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning),
        };
        return new StandaloneArguments(options, kubeconfig);
    }

    /// <summary>The <c>simulate</c> arguments (<see cref="SimulateSettings"/>), or null after printing what is wrong and the usage.</summary>
    public static SimulateSettings? TryParseSimulate(string[] args)
    {
        try
        {
            return SimulateSettings.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message}{Environment.NewLine}{SimulateSettings.Usage}");
            return null;
        }
    }

    /// <summary>Completes on Ctrl-C or SIGTERM; the registrations live as long as the process.</summary>
    public static Task ShutdownRequested()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            Registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Cancel the default termination so `await using` can stop Kestrel cleanly.
                context.Cancel = true;
                done.TrySetResult();
            }));
        }
        return done.Task;
    }
}
