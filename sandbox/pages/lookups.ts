import { cardType, type CardType, type Member } from '../members';
import { requiredString, type Body } from '../params';
import { Refusal } from '../refusals';
import type { EndpointContext } from './endpoint';

/** Member look-ups several pages share, each refusing with what it failed to find. */

export const userNotFound = () => new Refusal('userNotFound');
export const memberNotFound = () => new Refusal('memberNotFound');

/** A user by ThirdPartyCardID (the CRM's id for the card). */
export function byThirdPartyCardId(ctx: EndpointContext, id: string): Member {
	const found = ctx.store.find('ThirdPartyCardID', id);
	if (!found) throw new Refusal('thirdPartyCardNotFound');
	return found;
}

/** A user by UserToken: an unknown token is its own refusal, not "not found". */
export function byToken(body: Body, ctx: EndpointContext): Member {
	const found = ctx.store.find('UserToken', requiredString(body, 'UserToken'));
	if (!found) throw new Refusal('userTokenInvalid');
	return found;
}

/** The card types the CRM's grades 1-4 map onto (a grade that maps moves the card to that type). */
const CARD_BY_GRADE = new Map(
	[101, 102, 103, 104].map((id) => [cardType(id)!.VipGrade, cardType(id)!]),
);

export const cardTypeOfGrade = (grade: string): CardType | undefined => CARD_BY_GRADE.get(grade);
