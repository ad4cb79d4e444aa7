"""The fixed words of the teacher pack (`tulayev class pack`): the content note, the advice,
the glossary, the timeline and its sources, and the guide to Serge's fiction and the record.

Kept as data, apart from the template, so that a historian can check them in one place.
Every dated entry of the timeline names the works it rests on (`SOURCES` keys).
"""

from __future__ import annotations

CONTENT_NOTE = [
    "Executions: men are shot after trials whose verdicts were decided in advance, and the "
    "endings of most files are death or the camps.",
    "Famine: the files refer to the famine of 1932-1933 that followed forced "
    "collectivisation, and to the orders that made it worse.",
    "Interrogation by sleep deprivation: the accused are kept awake for days "
    "(\"the conveyor\") until they sign; the game describes exhaustion and threats, not "
    "torture in detail.",
    "A wife's forced statement: a wife is made to sign a deposition against her husband; "
    "families are threatened, arrested and deported.",
    "Suicide and death in custody are mentioned; so are informing on colleagues, and "
    "children told to renounce a parent.",
]

AGE_GUIDANCE = [
    "Written for students of 15 and over (upper secondary). Every file asks the players to "
    "choose under threat, and most end in death or the camps.",
    "With 13- and 14-year-olds: read this note first, play the warm-up (The Carbon Copy) "
    "and one short file together in hot seat, and keep the facilitator's notes on.",
    "Preview each file you hand out (tulayev play --arc ID, or its transcript) before the "
    "lesson; the files differ in what they show.",
]

FAMILY_ADVICE = [
    "Say before the lesson what it is about, and invite students to tell you in private if "
    "their family's history touches it. Never ask about it in front of the class.",
    "Repression of this kind touched families across the former Soviet Union and well "
    "beyond it (Ukraine, Kazakhstan, Poland, the Baltic states, Germany, and many other "
    "regimes since). Some families remember both victims and officials: do not ask who "
    "was guilty in anyone's family.",
    "Let any student step back without giving a reason: the recorder's or the "
    "spokesperson's role instead of voting, another file, or the written activity for "
    "early finishers. Leaving the room for a while should be allowed.",
    "Say plainly that the choices are not a test of character: the system punished people "
    "whatever they chose, and the game shows it.",
    "Afterwards, check in with any student who spoke to you. For families looking for "
    "records, the Memorial society's databases of victims of political terror "
    "(memo.ru; the society was dissolved by a Russian court in 2021) and national "
    "archives, where they are open, are the usual starting points.",
]

ROLES = [
    ("Reader", "Reads each scene aloud to the team. Hand the role on every few scenes."),
    ("Recorder", "Writes the team's reason at the three key choices on the recorder sheet, "
                 "in one line each, and the vote."),
    ("Devil's advocate", "Argues for the option the team is leaning against, before every "
                         "vote."),
    ("Spokesperson", "Tells the class, in the debrief, what the team chose at its hardest "
                     "choice, and why."),
]

EXIT_TICKET = [
    "Name one choice your team made that you would now make differently, and say why.",
    "The game calls telling the truth \"betray\". Whose point of view is that, and what "
    "does it hide?",
    "One thing in the game that really happened, and one thing Serge (or the game) "
    "invented:",
]

EARLY_FINISHERS = [
    "Compare endings: find a team that played the same man, or ask the teacher to release "
    "the novel's ending (e in the console). Where did your path and Serge's part, and "
    "why do you think he ended it as he did?",
    "Write the deposition the investigator wanted your man to sign (80 words), then the "
    "three sentences that were true. What had to be left out of the first?",
    "Go back to your closest vote (r at your screen: \"what if?\") and play the other way "
    "to the end. The log keeps both paths; be ready to say what changed.",
    "Timeline check: place three events from your file on the timeline in this pack, and "
    "mark which of them are Serge's invention.",
]

GLOSSARY = [
    ("Bolshevik / Old Bolshevik", "A member of Lenin's party; an Old Bolshevik had joined "
     "before the revolution of 1917. Most of those still alive in 1936 were arrested."),
    ("The Party, the Central Committee, the Politburo", "The Communist Party ruled alone; "
     "its Central Committee elected the Politburo, the small group around Stalin that made "
     "the decisions."),
    ("NKVD", "The People's Commissariat of Internal Affairs: the political police, which "
     "arrested, interrogated, judged (through troikas) and ran the camps."),
    ("Troika", "A board of three officials that sentenced people in their absence, without "
     "a trial or a defence, during the mass operations of 1937-1938."),
    ("Show trial", "A public trial whose verdict was fixed in advance; the accused confessed "
     "in court to crimes they had not committed."),
    ("Confession", "In 1930s Soviet practice, the main proof of guilt. Investigators "
     "obtained it by threats, sleep deprivation, beatings and promises."),
    ("The conveyor", "Interrogation without a break, by investigators working in shifts, "
     "so that the prisoner could not sleep."),
    ("Enemy of the people", "The label for anyone the state chose to destroy; it could fall "
     "on a family too."),
    ("Trotskyist, oppositionist", "A follower of Trotsky, or of any group that had opposed "
     "Stalin in the 1920s; by 1936 the words meant a traitor, whatever the person believed."),
    ("Purge (chistka)", "At first a review of Party members' records and expulsion; from "
     "1936 the word covers arrest, the camps and execution."),
    ("Gulag", "The Main Administration of Camps: the system of forced-labour camps."),
    ("Collectivisation", "The forcing of peasants into collective farms from 1929; with the "
     "grain requisitions it caused the famine of 1932-1933."),
    ("Komsomol", "The Communist League of Youth."),
    ("Obey / betray (in this game)", "Always from the Party's point of view: signing the "
     "lie is obey; telling the truth is betray."),
]

# (when, what happened, source keys)
TIMELINE = [
    ("1932-1933", "Famine in Ukraine, Kazakhstan, the Volga and other grain regions after "
     "forced collectivisation and requisitions; millions die.", ["applebaum", "khlevniuk"]),
    ("Jan-Feb 1934", "The 17th Party Congress, the \"Congress of Victors\".",
     ["khlevniuk", "getty"]),
    ("1 Dec 1934", "Sergei Kirov, Party leader in Leningrad, is shot by Leonid Nikolaev. The "
     "same day a decree orders terrorism cases heard within ten days, without defence or "
     "appeal, and death sentences carried out at once.", ["lenoe", "getty"]),
    ("Jan 1935", "Zinoviev and Kamenev are sentenced to prison for \"moral responsibility\" "
     "for the murder.", ["lenoe", "conquest"]),
    ("Aug 1936", "The first Moscow show trial: Zinoviev, Kamenev and fourteen others confess "
     "to a terrorist plot, including Kirov's murder, and are shot.", ["conquest", "getty"]),
    ("Sep 1936", "Nikolai Yezhov replaces Genrikh Yagoda at the head of the NKVD.",
     ["jansen", "khlevniuk"]),
    ("Jan 1937", "The second Moscow trial (Pyatakov, Radek and fifteen others).",
     ["conquest", "getty"]),
    ("Feb-Mar 1937", "A Central Committee plenum expels Bukharin and Rykov, who are "
     "arrested; the hunt for \"enemies\" inside the Party widens.", ["getty", "goldman"]),
    ("Jun 1937", "Marshal Tukhachevsky and seven other commanders are tried in secret and "
     "shot; the purge of the army follows.", ["conquest", "khlevniuk"]),
    ("30 Jul 1937", "NKVD Order No. 00447 opens the \"mass operation\": quotas of people to "
     "be shot or sent to camps, region by region, sentenced by troikas.",
     ["jansen", "khlevniuk"]),
    ("15 Aug 1937", "NKVD Order No. 00486: the wives of men convicted as \"traitors to the "
     "Motherland\" are to be arrested and sent to camps, their children to orphanages.",
     ["jansen", "applebaum"]),
    ("1937-1938", "The Great Terror: by the NKVD's own figures about 1.5 million people "
     "arrested and about 680,000 shot in two years.", ["khlevniuk", "jansen"]),
    ("Mar 1938", "The third Moscow trial: Bukharin, Rykov, Yagoda and eighteen others; "
     "most are shot.", ["conquest", "getty"]),
    ("17 Nov 1938", "A decree ends the mass operations and the troikas; on 25 November "
     "Lavrenty Beria replaces Yezhov, who is shot in 1940.", ["jansen", "khlevniuk"]),
    ("1936-1947", "Victor Serge, expelled from the USSR in 1936 after an international "
     "campaign, writes The Case of Comrade Tulayev in exile from 1940; he dies in Mexico "
     "City in 1947, and the novel is published in 1948.", ["serge", "sontag"]),
]

SOURCES = {
    "applebaum": "Anne Applebaum, Gulag: A History (2003) and Red Famine: Stalin's War on "
                 "Ukraine (2017).",
    "conquest": "Robert Conquest, The Great Terror: A Reassessment (Oxford University "
                "Press, 1990).",
    "getty": "J. Arch Getty and Oleg V. Naumov, The Road to Terror: Stalin and the "
             "Self-Destruction of the Bolsheviks, 1932-1939 (Yale University Press, 1999): "
             "the documents themselves, translated.",
    "goldman": "Wendy Z. Goldman, Terror and Democracy in the Age of Stalin (Cambridge "
               "University Press, 2007).",
    "jansen": "Marc Jansen and Nikita Petrov, Stalin's Loyal Executioner: People's "
              "Commissar Nikolai Ezhov, 1895-1940 (Hoover Institution Press, 2002).",
    "khlevniuk": "Oleg V. Khlevniuk, Master of the House: Stalin and His Inner Circle (Yale "
                 "University Press, 2009) and Stalin: New Biography of a Dictator (2015).",
    "lenoe": "Matthew E. Lenoe, The Kirov Murder and Soviet History (Yale University Press, "
             "2010).",
    "serge": "Victor Serge, Memoirs of a Revolutionary (first published 1951; New York "
             "Review Books, 2012).",
    "sontag": "Susan Sontag, introduction to Victor Serge, The Case of Comrade Tulayev, "
              "translated by Willard R. Trask (New York Review Books, 2004).",
}

FICTION_AND_RECORD = [
    ("Invented by Serge", "Comrade Tulayev, his murder and every man in the files are "
     "fiction. The shot in the snow echoes the murder of Kirov in December 1934, but the "
     "killer, the investigation and the accused are Serge's. Readers have seen in Rublev "
     "something of Bukharin, and in Erchov something of the police chiefs Yagoda and "
     "Yezhov; Serge made composites, not portraits."),
    ("Invented by the game", "The choices, the meters, the endings other than the novel's, "
     "and the warm-up file (The Carbon Copy) are the game's. The debrief marks the "
     "novel's ending for each man; everything else is a path Serge did not write."),
    ("On the record", "The decree of 1 December 1934; the three Moscow trials and their "
     "confessions; NKVD orders with quotas and troikas; interrogation without sleep; the "
     "arrest of wives and the removal of children; confessions printed in the newspapers; "
     "and false causes of death (\"heart failure\") given to families for decades. The "
     "timeline in this pack gives dates and sources."),
    ("How to check a detail", "Ask three questions: is this person or event in the "
     "timeline or a history book? Could anyone at the time have known it, and how? Does the "
     "game or the novel need it to be true to make its point? A scene can be true to how the "
     "system worked without having happened."),
]
