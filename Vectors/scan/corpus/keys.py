LEGACY = "AKIAIYKH4XQ44RWOLTAZ"
OTHER = "A3TSLPUXBZIMIHXYWXGC"
blob = "t30GjHr4PrgtGtbzcmFXEr2ipwHimqzvvqgFs5T/"
pass
pass
pass
pass
pass

far = "0DTpUN+fSbvQAiR98a/I68o4K+xrlrEZxd6aHZXT"
