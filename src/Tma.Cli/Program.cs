using Tma.Cli;

return TmaCommandLine.Run(args, Console.Out, Console.Error);
