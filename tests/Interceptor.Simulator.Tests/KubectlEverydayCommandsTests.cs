using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Tests.KubectlCommands;
using Interceptor.Simulator.Tests.Support;

namespace Interceptor.Simulator.Tests;

/// <summary>
/// Issue 11's table: every everyday command (<see cref="EverydayCommands"/>) with the oldest and the newest installed
/// kubectl, against a server running the simulated controllers, each row asserting what a real cluster would give.
/// </summary>
public sealed class KubectlEverydayCommandsTests : KubectlTest
{
    protected override FakeApiServerOptions Options => new() { UseHttps = true, Controllers = SimulatedControllers.All };

    public static Xunit.TheoryData<string, string> Rows
    {
        get
        {
            var rows = new Xunit.TheoryData<string, string>();
            foreach (var command in EverydayCommands.All.Keys)
            {
                // Every installed client: the everyday commands must hold across the whole range kubectl users have.
                foreach (var client in KubectlClients.Installed)
                {
                    rows.Add(command, client.Version);
                }
            }
            return rows;
        }
    }

    [KubectlTheory]
    [Xunit.MemberData(nameof(Rows))]
    public async Task Command_gives_what_a_real_cluster_gives(string command, string kubectlVersion)
    {
        using var kubectl = Support.Kubectl.For(Server, KubectlClients.Installed.Single(c => c.Version == kubectlVersion));

        await EverydayCommands.All[command](new CommandRun(Server, Client, kubectl));
    }
}
