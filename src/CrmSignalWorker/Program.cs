using CrmSignalWorker.Cli;

return await WorkerCli.RunAsync(args, Console.Out, Console.Error);
