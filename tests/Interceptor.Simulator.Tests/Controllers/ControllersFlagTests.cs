using Interceptor.Simulator.Controllers;
using Interceptor.Simulator.Hosting;
using Xunit;

namespace Interceptor.Simulator.Tests.Controllers;

/// <summary>The standalone server runs the simulated controllers only when asked.</summary>
public sealed class ControllersFlagTests
{
    [Theory]
    [InlineData(new[] { "--https" }, SimulatedControllers.None)]
    [InlineData(new[] { "--controllers", "--port", "8001" }, SimulatedControllers.All)]
    public void The_controllers_flag_turns_on_every_controller_and_the_scheduler(string[] args, SimulatedControllers expected) =>
        Assert.Equal(expected, CommandLine.TryParse(args)!.Options.Controllers);
}
