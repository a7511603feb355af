using Backprop.Cli;

return CommandRunner.Run(BackpropCommand.Create(), args);
