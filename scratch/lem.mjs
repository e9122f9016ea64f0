import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
const nlp = winkNLP(model); const its = nlp.its;
const d = nlp.readDoc("Protesters were dispersed after police fired tear gas. Gunmen abducted 3 men and shelled villages; airstrikes killed dozens. Workers went on strike. The army retook the town, seized weapons, and clashed with rebels who were kidnapped, detained and wounded. Houses were looted and burned. A 3-4 member group lynched him.");
console.log(d.tokens().out(its.value).map((v,i)=>v+'/'+d.tokens().out(its.lemma)[i]+'/'+d.tokens().out(its.pos)[i]).join(' '));
