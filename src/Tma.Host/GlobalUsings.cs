global using Store = Tma.CaseStore.CaseStore;
