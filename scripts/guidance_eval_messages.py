# ruff: noqa: E501
"""Templates of the inbox evaluation messages (written for the project, no real reply copied).

Each category gives the label a person would choose (None: no label, nothing
to answer) and whether the town hall should answer.
"""

from __future__ import annotations

from typing import TypedDict


class MessageCategory(TypedDict):
    label: str | None
    templates: list[str]


MESSAGES: dict[str, MessageCategory] = {
    "question": {
        "label": "Consulta",
        "templates": [
            "¿A qué hora abre la piscina el domingo?",
            "Hola, ¿el plazo de las ayudas para libros es hasta el {date} o se amplía?",
            "¿Dónde se recogen los dorsales de la carrera?",
            "Buenas, ¿hace falta cita previa para empadronarse?",
            "¿Los perros pueden entrar al parque nuevo?",
            "Una pregunta: ¿el mercadillo se hace aunque llueva?",
            "¿Se puede pagar el IBI a plazos? Gracias",
            "¿Cuánto cuesta el abono de temporada para jubilados?",
            "Perdonad, ¿el autobús a las pedanías funciona también en agosto?",
            "¿Qué documentos hay que llevar para la tarjeta de residente?",
            "Hola! Mi hija tiene 15 años, ¿puede apuntarse al taller de grafiti?",
            "¿Hay que inscribirse para la ruta senderista o se va directamente?",
            "¿El concierto es gratis?",
            "Buenos días. Me gustaría saber si el certificado de empadronamiento se puede pedir por internet.",
            "¿Hasta qué día se puede pedir el huerto urbano?",
            "Quería saber a qué teléfono hay que llamar para recoger muebles viejos",
            "¿La biblioteca abre en Semana Santa?",
            "Una duda, ¿las becas de transporte son también para los que estudian FP?",
            "¿Dónde se puede aparcar durante las fiestas?",
            "Alguien sabe si el centro de salud abre por la tarde?",
            "¿Cómo me apunto a la bolsa de empleo si no tengo certificado digital?",
            "Me podéis decir el horario del punto limpio?",
        ],
    },
    "rhetorical": {
        "label": None,
        "templates": [
            "¿Hay algo más bonito que {town} en otoño? 😍",
            "¿Quién no ha bailado alguna vez en esa plaza? ¡Qué recuerdos!",
            "¿Se puede pedir más? Qué fiestas más bonitas 👏",
            "Qué bonito! ¿Verdad que sí?",
            "¿A que es precioso el atardecer desde el mirador?",
            "¿Quién se acuerda de cuando esto era todo huertas? Cómo ha cambiado",
            "Madre mía, ¿y esto es nuestro pueblo? ¡Qué maravilla de fotos!",
            "¿Cómo no vamos a estar orgullosos? ¡Vamos chicas!",
            "¿Para qué ir a la playa teniendo este río? 😎",
            "¿Alguien más echa de menos las verbenas de antes? Qué tiempos",
        ],
    },
    "complaint": {
        "label": "Queja",
        "templates": [
            "¿Y para esto pagamos impuestos? La calle {street} lleva meses llena de baches.",
            "Otra vez sin agua y nadie avisa. Ya está bien.",
            "Llevo tres semanas esperando la cita y nadie me llama. Así no se puede.",
            "¿Para cuándo van a limpiar el parque? Está lleno de cristales y excrementos de perro.",
            "Es una vergüenza que la biblioteca cierre en agosto, que es cuando los chavales tienen tiempo.",
            "El ruido de los bares en la plaza hasta las 4 de la mañana no hay quien lo aguante. Algunos trabajamos.",
            "Muy bonito el cartel, pero el camino del cementerio sigue sin arreglar desde la riada.",
            "¿De verdad hacía falta cortar la calle justo el día de mercado? Poca planificación.",
            "Los contenedores de la calle {street} llevan una semana sin vaciarse y el olor es insoportable.",
            "Pues a los de las pedanías nadie nos ha avisado del corte. Siempre igual.",
            "Pedí la ayuda en marzo y todavía no sé nada. Llamo y nadie coge el teléfono.",
            "Las aceras del barrio {place} están imposibles para ir con carrito o silla de ruedas.",
            "No puede ser que en pleno verano la piscina abra solo por la tarde.",
            "Mucha foto con el concejal pero la farola de mi calle lleva dos meses fundida.",
            "La web del ayuntamiento no funciona desde ayer y hoy acaba el plazo. ¿Qué hacemos?",
            "Cada año lo mismo: las fiestas y los coches aparcados en la puerta de los garajes.",
            "Lamentable el estado del cementerio. Da pena ver cómo está.",
            "Tres días sin recoger la basura en pleno agosto. Un desastre.",
        ],
    },
    "incident": {
        "label": "Incidencia",
        "templates": [
            "Hay una farola caída en la calle {street}, junto al número 12. Es peligroso.",
            "En la plaza {place} hay una fuga de agua desde esta mañana.",
            "El semáforo de la avenida {street} no funciona, cuidado al cruzar.",
            "Aviso: hay un árbol caído en el camino del río que corta el paso.",
            "La fuente del parque está rota y sale agua sin parar.",
            "Se ha hundido parte de la acera delante del colegio, hay un agujero bastante grande.",
            "Hay un perro suelto por la zona del polideportivo, parece perdido.",
            "Los columpios del parque {place} tienen una cadena rota.",
            "Desde ayer no hay luz en toda la calle {street}.",
            "Una tapa de alcantarilla se ha movido en la calle {street} y los coches la pisan.",
            "Han pintado grafitis en la fachada de la ermita esta noche.",
            "Hay cristales rotos en la pista de baloncesto, mejor que alguien los recoja antes de que vayan los críos.",
            "El contenedor de vidrio de la plaza está quemado.",
            "Se ha caído una rama enorme encima de un coche en el paseo.",
        ],
    },
    "proposal": {
        "label": "Sugerencia",
        "templates": [
            "Estaría bien poner unos bancos a la sombra en el paseo del río, para los mayores.",
            "Propongo que el mercadillo se haga por la tarde en verano, con el calor no va nadie.",
            "¿Y si hacéis el cine de verano también en las pedanías? Seguro que iría mucha gente.",
            "Sería buena idea poner un paso de cebra delante de la guardería.",
            "Podríais abrir la biblioteca algún sábado por la mañana para los que trabajamos.",
            "Una sugerencia: avisar de los cortes de agua también por SMS para los mayores que no tienen redes.",
            "Os propongo organizar una limpieza popular del pinar en primavera. Yo me apunto.",
            "Deberían poner una fuente en el parque de perros.",
            "Me gustaría que hubiera clases de yoga para mayores en el centro social.",
            "Hace falta un aparcamiento para bicis junto a la estación.",
            "¿Por qué no grabáis los plenos y los colgáis en internet? Así nos enteramos todos.",
            "Igual se podría poner el horario de la farmacia de guardia en la web del ayuntamiento.",
            "Estaría genial un punto de recarga para coches eléctricos en la plaza.",
        ],
    },
    "thanks": {
        "label": "Agradecimiento",
        "templates": [
            "Muchas gracias por avisar!",
            "Gracias a los de la brigada, vinieron en media hora a arreglar la fuga. Un diez.",
            "Qué bien organizado estuvo todo, enhorabuena a todos los que lo hicisteis posible 👏",
            "Gracias por la información, muy útil.",
            "Mil gracias a la trabajadora de la oficina que me ayudó con el papeleo, un encanto.",
            "Enhorabuena por la feria, estuvo genial.",
            "Gracias por responder tan rápido 🙏",
            "Da gusto ver el parque tan limpio. Gracias!",
            "Gracias por acordaros de los mayores con el autobús a las pedanías.",
            "Perfecto, muchas gracias por la aclaración.",
        ],
    },
    "insult_soft": {
        "label": "Ofensivo",
        "templates": [
            "Sois una panda de inútiles, no servís para nada.",
            "Vaya gentuza nos gobierna. A ver si os vais ya.",
            "Menudo sinvergüenza el alcalde, solo sabe hacerse fotos.",
            "Dimite ya, parásito, que llevas años chupando del bote.",
            "No tenéis vergüenza ni la conocéis, sois unos ineptos.",
            "Sois unos caraduras, os reís de los vecinos en la cara.",
            "Pandilla de vagos, a trabajar que os pagamos nosotros.",
            "Qué asco de gente, solo piensan en su sillón.",
            "El concejal es un incompetente y un mentiroso, como todos los de su cuerda.",
            "Menuda banda de aprovechados, a la cárcel deberíais ir.",
            "Ineptos. Eso es lo que sois, unos ineptos.",
            "Sois unos ladrones con corbata, os llenáis los bolsillos con nuestro dinero.",
            "Ojalá os echen a todos a patadas en las próximas elecciones, sanguijuelas.",
            "A este alcalde habría que echarlo del pueblo a pedradas.",
        ],
    },
    "insult_strong": {
        "label": "Ofensivo",
        "templates": [
            "Payasos.",
            "Ladrones!!",
            "Chorizos",
            "Sinvergüenzas.",
            "Gentuza",
            "Corruptos",
            "Rata.",
            "Imbéciles",
            "Vendidos",
            "Mafiosos 🤡",
            "Parásitos",
            "Impresentables",
        ],
    },
    "swear": {
        "label": "Ofensivo",
        "templates": [
            "Sois unos gilipollas, que no os enteráis de nada.",
            "Qué mierda de gestión, joder.",
            "Me cago en todo, otra vez sin agua, sois unos cabrones.",
            "Alcalde imbécil, deja de hacerte fotos.",
        ],
    },
    "joke": {
        "label": None,
        "templates": [
            "Jajaja el de la foto es mi primo 😂",
            "Yo voy solo si hay bocadillos 🤣",
            "@{friend} mira, este año sí que te apuntas a la carrera jajaja",
            "Menos mal que el burro de la foto no se presenta a alcalde 😂😂",
            "A ver si esta vez gano yo el concurso de tortillas, que llevo años entrenando 😅",
            "Con este calor ni las lagartijas salen jajaja",
            "@{friend} esto es para ti 😂",
            "La próxima vez que pongáis música, que sea pasodoble que los del bar no bailan otra cosa 🤣",
            "😂😂😂",
            "Mi abuela dice que en sus tiempos las fiestas duraban un mes 😅",
        ],
    },
    "comment": {
        "label": None,
        "templates": [
            "Qué bonito! 😍",
            "Precioso",
            "Allí estaremos!",
            "👏👏👏",
            "Qué recuerdos de niña en esa plaza ❤️",
            "@{friend} vamos?",
            "Ojalá pudiera ir, este año me pilla trabajando.",
            "Bonita foto del campanario",
        ],
    },
}
