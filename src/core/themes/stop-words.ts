/**
 * English words that say nothing about what an answer is about: function words, the filler of chat ("think",
 * "really", "just", "tbh") and the evaluative words every theme shares ("better", "good"), which would otherwise
 * tie "better pay" to "better behaviour". Written without apostrophes, as the tokeniser joins "don't" to "dont".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above absolutely actually after again against agree agreed ago all almost along already also although
  always am among an and another any anybody anyone anything anyway are arent around as at away back bad basically
  be became because become been before being below best better between both btw but by can cannot cant certainly
  could couldnt did didnt do does doesnt doing done dont down during each eg either else enough especially etc even
  ever every everybody everyone everything example far feel feels felt few fewer for from further generally get gets
  getting give given go goes going gone good got gotten great guess had hadnt happen has hasnt have havent having
  he hed hes her here heres hers herself him himself his honestly hopefully how however hmm i id ie if ill im imho
  imo in indeed instead into is isnt it itd itll its itself ive just keep kind kinda know less let lets like likely
  literally lol lot lots made make makes making many may maybe me mean means might mine more most mostly much must
  my myself need needed needs never no nobody none nope nor not nothing now of off oh ok okay on once one ones only
  onto or other others otherwise ought our ours ourselves out over overall own per perhaps please plus point pretty
  probably quite rather re really right said same say saying says see seem seemed seems seen she shed shes should
  shouldnt simply since so some somebody someone something sometimes somewhat sort still stuff such sure take taken
  takes tbh than thank thanks that thats the their theirs them themselves then there theres these they theyd theyll
  theyre theyve thing things think thinking this those though thought through thus to too totally toward towards
  truly try trying um under unless until up upon us ve very via want wanted wants was wasnt way ways we wed well
  went were werent weve what whatever whats when where whereas whether which while who whole whom whose why will
  with within without wont worse would wouldnt yeah yep yes yet you youd youll your youre yours yourself yourselves
  youve`.split(/\s+/),
);
